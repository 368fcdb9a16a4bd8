import type { VideoSnapshot } from './video-snapshot';

// The video snapshot is durable: it is the continue-as-new input, the closed run's result that a
// revival carries, and what `vodflow status` reads of a closed video, possibly written by an older
// release. Every snapshot read goes through migrateSnapshot, one step per version.
//
// Version 2 added the video's origin, the manual review verdict and the rejected-event counter.

export const SNAPSHOT_VERSION = 2;

/** Version 1 as older releases wrote it: no origin, no manual review, no rejected counter. */
type SnapshotV1 = Omit<VideoSnapshot, 'version' | 'origin' | 'manualReview'> & { version: 1 };

export function migrateSnapshot(stored: VideoSnapshot | SnapshotV1): VideoSnapshot {
  const version: number = stored.version;
  if (version === SNAPSHOT_VERSION) return stored as VideoSnapshot;
  if (version === 1) return fromV1(stored as SnapshotV1);
  // A newer release wrote it (a rollback): failing here keeps the state until that release is back.
  throw new Error(`video snapshot version ${version} is newer than this release reads (${SNAPSHOT_VERSION})`);
}

// A version 1 video began before origins existed: it is left without one, which behaves as `new`
// (vodflow never adopts a video it already followed).
function fromV1(v1: SnapshotV1): VideoSnapshot {
  return { ...v1, version: 2, counters: { ...v1.counters, rejected: v1.counters.rejected ?? 0 } };
}
