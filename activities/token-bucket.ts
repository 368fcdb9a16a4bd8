// A token bucket: `ratePerSecond` tokens a second, at most `burst` saved up. acquire() resolves
// when a token is free; waiters are served in arrival order.

export interface TokenBucketClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: TokenBucketClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number = Math.max(1, Math.ceil(ratePerSecond)),
    private readonly clock: TokenBucketClock = realClock,
  ) {
    if (!(ratePerSecond > 0)) throw new Error(`rate must be > 0 per second, got ${ratePerSecond}`);
    if (!(burst >= 1)) throw new Error(`burst must be ≥ 1, got ${burst}`);
    this.tokens = burst;
    this.updatedAt = clock.now();
  }

  acquire(): Promise<void> {
    const turn = this.queue.then(() => this.takeOne());
    // A rejected turn must not stall the ones after it.
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async takeOne(): Promise<void> {
    this.refill();
    if (this.tokens < 1) {
      await this.clock.sleep(Math.ceil(((1 - this.tokens) * 1000) / this.ratePerSecond));
      this.refill();
    }
    this.tokens = Math.max(0, this.tokens - 1);
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) * this.ratePerSecond) / 1000);
    this.updatedAt = now;
  }
}
