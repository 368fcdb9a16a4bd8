import type { ListSnapshotsResult, ListTranscodeTaskResult, VodClient } from '../clients/vod';
import { formatVodTime } from '../common/events';

// Look-ups "what did VOD do for this video since then?", shared by the follow-up activity (is there
// a job an earlier try created?) and reconciliation (where is the job we are waiting for?).

/** VOD's clock and ours differ a little; a window too tight would miss our own job. */
export const CLOCK_SLACK_MS = 60_000;

export type TranscodeTaskSummary = ListTranscodeTaskResult['TranscodeTaskList'][number];
export type MediaSnapshot = NonNullable<ListSnapshotsResult['MediaSnapshot']>;

/** A VOD API time (UTC, whole seconds) for ms since the epoch. */
export function vodUtc(ms: number): string {
  return formatVodTime(new Date(ms), 'seconds');
}

/**
 * The newest transcode task of the video created since `sinceMs` (with slack). Tasks VOD started by
 * itself (Trigger Auto) count only when `includeAuto` is set.
 */
export async function newestTranscodeTaskSince(
  vod: Pick<VodClient, 'listTranscodeTask'>,
  videoId: string,
  sinceMs: number,
  options: { includeAuto: boolean; nowMs?: number },
): Promise<TranscodeTaskSummary | undefined> {
  const { TranscodeTaskList } = await vod.listTranscodeTask({
    VideoId: videoId,
    StartTime: vodUtc(sinceMs - CLOCK_SLACK_MS),
    EndTime: vodUtc((options.nowMs ?? Date.now()) + CLOCK_SLACK_MS),
    PageSize: 50,
  });
  return TranscodeTaskList.filter((task) => options.includeAuto || task.Trigger !== 'Auto').sort(
    (a, b) => Date.parse(b.CreationTime ?? '') - Date.parse(a.CreationTime ?? ''),
  )[0];
}

/** The video's latest snapshot job when it is `jobId`, or (without one) created since `sinceMs`. */
export async function latestSnapshotsIfOurs(
  vod: Pick<VodClient, 'listSnapshots'>,
  videoId: string,
  match: { jobId?: string; sinceMs: number },
): Promise<{ latest?: MediaSnapshot; ours: boolean }> {
  const { MediaSnapshot: latest } = await vod.listSnapshots({ VideoId: videoId, PageSize: 1 });
  const created = Date.parse(latest?.CreationTime ?? '');
  const ours = match.jobId ? latest?.JobId === match.jobId : created >= match.sinceMs - CLOCK_SLACK_MS;
  return { latest, ours: latest !== undefined && ours };
}
