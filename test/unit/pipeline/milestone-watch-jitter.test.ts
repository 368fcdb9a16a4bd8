import { MilestoneWatch, stableFraction, type AwaitedMilestone } from '../../../workflows/milestone-watch';

const SINCE = '2026-12-01T00:00:00.000Z';
const wait: AwaitedMilestone = {
  milestone: 'transcode',
  attempt: 1,
  since: SINCE,
  firstCheckDelayMs: 600_000,
};
const start = Date.parse(SINCE);

// When the plan puts the first check of `wait` for this video.
function firstCheckAt(videoId: string | undefined): number | undefined {
  const jitter = videoId === undefined ? undefined : { seed: videoId, fraction: 0.2 };
  return new MilestoneWatch([]).plan([wait], start, jitter).nextAt;
}

describe('first reconciliation checks', () => {
  it('are due after the milestone delay without a seed, as recorded videos expect', () => {
    expect(firstCheckAt(undefined)).toBe(start + 600_000);
  });

  it('come up to 20% later with a seed, by an amount fixed per video', () => {
    const times = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((videoId) => firstCheckAt(videoId) ?? 0);
    for (const at of times) {
      expect(at).toBeGreaterThanOrEqual(start + 600_000);
      expect(at).toBeLessThan(start + 720_000);
    }
    expect(new Set(times).size).toBe(times.length);
    expect(firstCheckAt('a')).toBe(times[0]);
  });

  it('use a fraction in [0, 1) that depends on the text alone', () => {
    const values = Array.from({ length: 1_000 }, (_, i) => stableFraction(`video-${i}`));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(stableFraction('video-1')).toBe(values[1]);
    // Spread, not clustered: every tenth of the range is used.
    expect(new Set(values.map((v) => Math.floor(v * 10))).size).toBe(10);
  });
});
