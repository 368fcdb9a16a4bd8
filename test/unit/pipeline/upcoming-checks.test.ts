import { MilestoneWatch, type AwaitedMilestone, type WatchRecord } from '../../../workflows/milestone-watch';

// What `vodflow status` shows of a wait: its first deadline before any check, then the next one.
describe('MilestoneWatch.upcoming', () => {
  const wait: AwaitedMilestone = {
    milestone: 'transcode',
    attempt: 1,
    since: '2026-01-01T00:00:00.000Z',
    firstCheckDelayMs: 600_000,
  };

  it('shows the first check of a wait that has had none', () => {
    expect(new MilestoneWatch([]).upcoming([wait])).toEqual([
      { milestone: 'transcode', attempt: 1, at: '2026-01-01T00:10:00.000Z' },
    ]);
  });

  it('shows the next check once there was one, and nothing for a wait given up', () => {
    const record: WatchRecord = {
      milestone: 'transcode',
      attempt: 1,
      checks: 1,
      unknownInARow: 0,
      nextCheckAt: '2026-01-01T00:30:00.000Z',
    };
    expect(new MilestoneWatch([record]).upcoming([wait])).toEqual([
      { milestone: 'transcode', attempt: 1, at: '2026-01-01T00:30:00.000Z' },
    ]);
    expect(new MilestoneWatch([{ ...record, gaveUp: true }]).upcoming([wait])).toEqual([]);
  });

  it('forgets nothing: records of waits that are over stay for the workflow to drop', () => {
    const records: WatchRecord[] = [
      { milestone: 'snapshot', attempt: 1, checks: 1, unknownInARow: 0, nextCheckAt: wait.since },
    ];
    new MilestoneWatch(records).upcoming([wait]);
    expect(records).toHaveLength(1);
  });
});
