import { TokenBucket, type TokenBucketClock } from '../../../activities/token-bucket';

// A clock the test moves: sleep() advances it at once, so waits are measured, not slept.
function fakeClock(): TokenBucketClock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: (ms) => {
      slept.push(ms);
      now += ms;
      return Promise.resolve();
    },
  };
}

describe('TokenBucket', () => {
  it('lets a burst through, then spaces calls at the rate', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(10, 3, clock);
    for (let i = 0; i < 6; i++) await bucket.acquire();
    expect(clock.slept).toEqual([100, 100, 100]);
    expect(clock.now()).toBe(300);
  });

  it('serves concurrent callers one token each, in arrival order', async () => {
    const clock = fakeClock();
    const bucket = new TokenBucket(2, 1, clock);
    const order: number[] = [];
    await Promise.all([0, 1, 2].map((i) => bucket.acquire().then(() => order.push(i))));
    expect(order).toEqual([0, 1, 2]);
    expect(clock.now()).toBe(1_000);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new TokenBucket(0)).toThrow(/rate must be > 0/);
  });
});
