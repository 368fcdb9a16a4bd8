import { migrateSnapshot, SNAPSHOT_VERSION } from '../../../workflows/snapshot-format';
import { VideoState, type VideoSnapshot } from '../../../workflows/video-state';

const NOW = '2026-11-25T09:00:00.000Z';

// A snapshot as release 1 wrote it: version 1, no origin, no manual review, no rejected counter.
function versionOne(): Parameters<typeof migrateSnapshot>[0] {
  const { origin: _origin, manualReview: _review, ...rest } = VideoState.create('v1', NOW).snapshot();
  return { ...rest, version: 1, counters: { applied: 3, duplicates: 1, unknown: 0 } };
}

describe('snapshot format', () => {
  it('writes the current version', () => {
    expect(VideoState.create('v1', NOW).snapshot().version).toBe(SNAPSHOT_VERSION);
  });

  it('migrates a version 1 snapshot: counters complete, no origin (it behaves as new)', () => {
    const migrated = migrateSnapshot(versionOne());
    expect(migrated.version).toBe(2);
    expect(migrated.counters).toEqual({ applied: 3, duplicates: 1, unknown: 0, rejected: 0 });
    expect(migrated.origin).toBeUndefined();
    const restored = VideoState.restore(versionOne());
    expect(restored.snapshot().version).toBe(2);
    expect(restored.stage()).toBe('uploading');
  });

  it('refuses a snapshot from a newer release instead of guessing', () => {
    const future = { ...VideoState.create('v1', NOW).snapshot(), version: 3 } as unknown as VideoSnapshot;
    expect(() => migrateSnapshot(future)).toThrow(
      'video snapshot version 3 is newer than this release reads (2)',
    );
  });
});
