import { decodeEventObject, formatVodTime, type DecodedEvent } from '../../common/events';
import { attemptExtend } from '../../common/extend-marker';
import type { FollowUpStage } from '../../common/pipeline-policy';
import type {
  GetAIMediaAuditJobResult,
  ListAIJobResult,
  ListSnapshotsResult,
  TranscodeJobInfo,
  VideoInfo,
} from '../../clients/vod';

// The events VOD would have sent, rebuilt from its API answers. They go through the same decoder as
// queue messages and then through the same state logic, so a reconciled milestone and a real one
// are one and the same to the video's state.

type WireEvent = Record<string, unknown> & { EventType: string; EventTime: string };

/** An answer that does not rebuild into a valid event: retrying the same answer cannot help. */
export class SynthesisError extends Error {
  override name = 'SynthesisError';
  readonly code = 'SynthesisError';
  readonly transient = false;
}

function decoded(wire: WireEvent): DecodedEvent {
  const result = decodeEventObject(wire);
  if (!result.ok) throw new SynthesisError(`rebuilt ${wire.EventType} is invalid: ${result.error.message}`);
  return result.event;
}

/** VOD's own time format; VOD's answers may use either. */
function eventTime(vodTime: string | undefined, now: Date): string {
  const parsed = vodTime ? Date.parse(vodTime) : NaN;
  return formatVodTime(Number.isFinite(parsed) ? new Date(parsed) : now, 'seconds');
}

// The attempt marker, as VOD echoes it in Extend; attempt 0 (a job VOD started itself) has none.
function extendFor(stage: FollowUpStage, attempt: number): Record<string, unknown> | undefined {
  return attempt > 0 ? attemptExtend(stage, attempt) : undefined;
}

/** The upload's Extend, read back from the UserData VOD keeps with the video. */
function uploadExtend(userData: string | undefined): unknown {
  if (!userData) return undefined;
  try {
    const parsed: unknown = JSON.parse(userData);
    return typeof parsed === 'object' && parsed !== null
      ? (parsed as { Extend?: unknown }).Extend
      : undefined;
  } catch {
    return undefined;
  }
}

export function uploadEvent(video: VideoInfo, now: Date): DecodedEvent {
  return decoded({
    EventType: 'FileUploadComplete',
    // VOD reports no upload time; the moment vodflow learned of it is the honest one.
    EventTime: eventTime(undefined, now),
    VideoId: video.VideoId,
    Status: 'success',
    Size: video.Size,
    Extend: uploadExtend(video.UserData),
    // Not in VOD's event: what vodflow read from the API, so that a recent video is never adopted.
    CreationTime: video.CreationTime,
  });
}

function streamFields(job: TranscodeJobInfo): Record<string, unknown> {
  const out = job.OutputFile;
  return {
    Status: job.TranscodeJobStatus === 'TranscodeSuccess' ? 'success' : 'fail',
    JobId: job.TranscodeJobId,
    Definition: job.Definition,
    Format: out?.Format,
    FileUrl: out?.OutputFileUrl,
    Width: out?.Width,
    Height: out?.Height,
    Bitrate: out?.Bitrate,
    Duration: out?.Duration,
    Size: out?.Filesize,
    ErrorCode: job.ErrorCode,
    ErrorMessage: job.ErrorMessage,
  };
}

/** One StreamTranscodeComplete per job, then the TranscodeComplete that sums them up. */
export function transcodeEvents(
  videoId: string,
  task: { CompleteTime?: string; TranscodeJobInfoList: TranscodeJobInfo[] },
  attempt: number,
  now: Date,
): DecodedEvent[] {
  const extend = extendFor('transcode', attempt);
  const time = eventTime(task.CompleteTime, now);
  const streams = task.TranscodeJobInfoList.map(streamFields);
  const events = task.TranscodeJobInfoList.map((job) =>
    decoded({
      EventType: 'StreamTranscodeComplete',
      EventTime: eventTime(job.CompleteTime ?? task.CompleteTime, now),
      VideoId: videoId,
      ...streamFields(job),
      Extend: extend,
    }),
  );
  events.push(
    decoded({
      EventType: 'TranscodeComplete',
      EventTime: time,
      VideoId: videoId,
      // VOD's rule: success when at least one stream succeeded.
      Status: streams.some((s) => s.Status === 'success') ? 'success' : 'fail',
      StreamInfos: streams,
      Extend: extend,
    }),
  );
  return events;
}

export function snapshotEvent(
  videoId: string,
  snapshot: NonNullable<ListSnapshotsResult['MediaSnapshot']>,
  attempt: number,
  now: Date,
): DecodedEvent {
  return decoded({
    EventType: 'SnapshotComplete',
    // ListSnapshots has no completion time.
    EventTime: eventTime(undefined, now),
    VideoId: videoId,
    Status: 'success',
    SubType: 'SpecifiedTime',
    SnapshotInfos: [
      {
        Status: 'success',
        JobId: snapshot.JobId,
        SnapshotType: 'NormalSnapshot',
        SnapshotCount: snapshot.Total ?? snapshot.Snapshots.length,
        SnapshotRegular: snapshot.Regular,
      },
    ],
    Extend: extendFor('snapshot', attempt),
  });
}

export function auditEvent(
  job: GetAIMediaAuditJobResult['MediaAuditJob'],
  attempt: number,
  now: Date,
): DecodedEvent {
  return decoded({
    EventType: 'AIMediaAuditComplete',
    EventTime: eventTime(job.CompleteTime, now),
    MediaId: job.MediaId,
    JobId: job.JobId,
    Status: job.Status === 'success' ? 'success' : 'fail',
    Code: job.Code,
    Message: job.Message,
    Data: job.Data,
    Extend: extendFor('aiAudit', attempt),
  });
}

export function aiJobEvent(
  stage: 'aiTag' | 'aiDna',
  videoId: string,
  job: ListAIJobResult['AIJobList'][number],
  attempt: number,
  now: Date,
): DecodedEvent {
  return decoded({
    EventType: stage === 'aiTag' ? 'AIVideoTagComplete' : 'AIMediaDNAComplete',
    EventTime: eventTime(job.CompleteTime, now),
    MediaId: job.MediaId ?? videoId,
    JobId: job.JobId,
    Status: job.Status === 'success' ? 'success' : 'fail',
    Code: job.Code,
    Message: job.Message,
    Data: job.Data,
    Extend: extendFor(stage, attempt),
  });
}
