// Background work (job simulations, deliveries) that close() cancels and waits for.
export class Background {
  private readonly controller = new AbortController();
  private readonly running = new Set<Promise<void>>();

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get pending(): number {
    return this.running.size;
  }

  run(work: (signal: AbortSignal) => Promise<void>, onError: (error: unknown) => void): void {
    if (this.controller.signal.aborted) return;
    const task = work(this.controller.signal)
      .catch(onError)
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  /** Resolves once no work is pending (bounded by the caller's own timeout). */
  async settled(): Promise<void> {
    for (let round = 0; round < 1_000 && this.running.size > 0; round++) {
      await Promise.allSettled([...this.running]);
    }
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.settled();
  }
}
