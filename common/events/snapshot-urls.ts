import type { SnapshotInfo } from './vod-event';

/** Safety bound: VOD documents no maximum snapshot count. */
export const MAX_SNAPSHOT_URLS = 10_000;

const PLACEHOLDER = '{SnapshotCount}';

/**
 * The image URLs of one SnapshotInfos element: {SnapshotCount} in SnapshotRegular replaced by the
 * 1-based index padded to 5 digits. Empty when the pattern or count is missing.
 */
export function snapshotUrls(info: SnapshotInfo, limit: number = MAX_SNAPSHOT_URLS): string[] {
  const pattern = info.SnapshotRegular;
  const count = Math.min(Math.max(0, Math.floor(info.SnapshotCount ?? 0)), limit);
  if (pattern === undefined || !pattern.includes(PLACEHOLDER)) return [];
  return Array.from({ length: count }, (_, index) =>
    pattern.split(PLACEHOLDER).join(String(index + 1).padStart(5, '0')),
  );
}
