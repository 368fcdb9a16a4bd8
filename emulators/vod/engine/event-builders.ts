import type { VodEventWire, VodEventWireOf } from '../../../common/events';
import type { AIJobType, AuditSuggestion, DynamicImageJob, TranscodeJob, Video } from './types';
import { vodTime, vodTimeWithColonMillis } from './vod-time';

// Builders of the event bodies VOD writes, typed with the shared wire schema.

export type EmulatedEvent = VodEventWire;

export const MEDIA_HOST = 'http://vod-emulator.example.com';

function withExtend<T extends object>(event: T, extend: string | undefined): T {
  return extend === undefined ? event : { ...event, Extend: extend };
}

export function sourceUrl(video: Video): string {
  return `${MEDIA_HOST}/source/${video.videoId}/${encodeURIComponent(video.fileName)}`;
}

export function fileUploadComplete(video: Video, at: number): VodEventWireOf<'FileUploadComplete'> {
  return withExtend(
    {
      EventType: 'FileUploadComplete',
      EventTime: vodTime(at),
      VideoId: video.videoId,
      Status: 'success',
      Size: video.fileSize ?? 0,
      FileUrl: sourceUrl(video),
    },
    video.uploadUserData.extend,
  );
}

function streamFields(job: TranscodeJob, duration: number, startedAt: number) {
  const common = {
    Status: job.status === 'TranscodeSuccess' ? 'success' : 'fail',
    JobId: job.jobId,
    Definition: job.definition,
    Format: job.format,
    IsAudio: false,
    StartTime: vodTime(startedAt),
    FinishTime: vodTime(job.completeTime ?? startedAt),
  };
  if (job.status !== 'TranscodeSuccess') {
    return { ...common, ErrorCode: job.errorCode, ErrorMessage: job.errorMessage };
  }
  return {
    ...common,
    Bitrate: job.bitrate,
    Duration: duration,
    Fps: '25',
    Width: job.width,
    Height: job.height,
    Size: job.size,
    Codec: 'h264',
    Encrypt: false,
    FileUrl: job.fileUrl,
  };
}

export function streamTranscodeComplete(
  video: Video,
  job: TranscodeJob,
  startedAt: number,
  extend: string | undefined,
): VodEventWireOf<'StreamTranscodeComplete'> {
  return withExtend(
    {
      EventType: 'StreamTranscodeComplete',
      EventTime: vodTime(job.completeTime ?? startedAt),
      VideoId: video.videoId,
      ...streamFields(job, video.duration ?? 0, startedAt),
    },
    extend,
  );
}

export function transcodeComplete(
  video: Video,
  jobs: readonly TranscodeJob[],
  startedAt: number,
  at: number,
  extend: string | undefined,
): VodEventWireOf<'TranscodeComplete'> {
  const anySuccess = jobs.some((job) => job.status === 'TranscodeSuccess');
  return withExtend(
    {
      EventType: 'TranscodeComplete',
      EventTime: vodTime(at),
      VideoId: video.videoId,
      Status: anySuccess ? 'success' : 'fail',
      StreamInfos: jobs.map((job) => streamFields(job, video.duration ?? 0, startedAt)),
    },
    extend,
  );
}

export interface SnapshotOutcome {
  jobId: string;
  count: number;
  regular: string;
}

export function snapshotUrl(regular: string, index: number): string {
  return regular.replace('{SnapshotCount}', String(index).padStart(5, '0'));
}

export function snapshotComplete(
  video: Video,
  outcome: SnapshotOutcome | { errorCode: string; errorMessage: string },
  at: number,
  extend: string | undefined,
): VodEventWireOf<'SnapshotComplete'> {
  const header = {
    EventType: 'SnapshotComplete' as const,
    EventTime: vodTime(at),
    VideoId: video.videoId,
    SubType: 'SpecifiedTime',
  };
  if ('errorCode' in outcome) {
    return withExtend(
      { ...header, Status: 'fail', ErrorCode: outcome.errorCode, ErrorMessage: outcome.errorMessage },
      extend,
    );
  }
  return withExtend(
    {
      ...header,
      Status: 'success',
      CoverUrl: snapshotUrl(outcome.regular, 1),
      SnapshotInfos: [
        {
          Status: 'success',
          SnapshotType: 'NormalSnapshot',
          SnapshotCount: outcome.count,
          SnapshotFormat: outcome.regular.replace(`${MEDIA_HOST}/`, ''),
          SnapshotRegular: outcome.regular,
          JobId: outcome.jobId,
        },
      ],
    },
    extend,
  );
}

export function snapshotPattern(videoId: string, jobId: string): string {
  return `${MEDIA_HOST}/${videoId}/snapshots/${jobId}-{SnapshotCount}.jpg`;
}

export function streamUrl(videoId: string, definition: string, format: string): string {
  return `${MEDIA_HOST}/${videoId}/${definition.toLowerCase()}/stream.${format}`;
}

/** The AIMediaAuditResult of an AIMediaAuditComplete event, reduced to the parts a consumer acts on. */
export function auditResult(video: Video, suggestion: AuditSuggestion): Record<string, unknown> {
  const label = suggestion === 'pass' ? 'normal' : 'porn';
  return {
    Suggestion: suggestion,
    Label: label,
    AbnormalModules: suggestion === 'pass' ? '' : 'video',
    VideoResult: {
      Suggestion: suggestion,
      Label: label,
      PornResult: {
        Suggestion: suggestion,
        Label: suggestion === 'pass' ? 'normal' : suggestion === 'review' ? 'sexy' : 'porn',
        MaxScore: suggestion === 'pass' ? '0.0000000000' : '95.0000000000',
        AverageScore: suggestion === 'pass' ? '0.0000000000' : '80.0000000000',
        CounterList: [],
        TopList: [],
      },
    },
    TextResult: [
      {
        Suggestion: 'pass',
        Label: 'normal',
        Score: '99.9',
        Scene: 'antispam',
        Type: 'title',
        Content: video.title,
      },
    ],
  };
}

export interface AiFailure {
  code: string;
  message: string;
}

export function aiMediaAuditComplete(
  video: Video,
  jobId: string,
  outcome: { result: Record<string, unknown> } | AiFailure,
  at: number,
  extend: string | undefined,
): VodEventWireOf<'AIMediaAuditComplete'> {
  const header = {
    EventType: 'AIMediaAuditComplete' as const,
    EventTime: vodTimeWithColonMillis(at),
    JobId: jobId,
    MediaId: video.videoId,
  };
  const body =
    'result' in outcome
      ? { ...header, Status: 'success', Code: '0', Message: 'OK', Data: outcome.result }
      : { ...header, Status: 'fail', Code: outcome.code, Message: outcome.message, Data: {} };
  return withExtend(body, extend);
}

/**
 * How an AI job of SubmitAIJob ended. One value feeds both its completion event and the job record
 * ListAIJob reads, so the two cannot disagree.
 */
export interface AIJobOutcome {
  status: 'success' | 'fail';
  code: string;
  message: string;
  /** JSON text, as VOD sends it in AIMediaDNAComplete and AIVideoTagComplete. */
  data: string;
}

function aiJobResult(video: Video, type: AIJobType): Record<string, unknown> {
  // No fingerprint library holds a duplicate of an emulated video.
  if (type === 'AIMediaDNA') return { VideoDNA: [] };
  return {
    Keyword: [{ Tag: video.title, Times: ['0'] }],
    Category: [{ Tag: 'emulated', Times: ['0'] }],
  };
}

export function aiJobOutcome(video: Video, type: AIJobType, failure: AiFailure | undefined): AIJobOutcome {
  if (failure) return { status: 'fail', code: failure.code, message: failure.message, data: '{}' };
  return { status: 'success', code: '0', message: 'OK', data: JSON.stringify(aiJobResult(video, type)) };
}

function aiJobFields(outcome: AIJobOutcome) {
  return { Status: outcome.status, Code: outcome.code, Message: outcome.message, Data: outcome.data };
}

export function aiMediaDnaComplete(
  video: Video,
  jobId: string,
  outcome: AIJobOutcome,
  at: number,
  extend: string | undefined,
): VodEventWireOf<'AIMediaDNAComplete'> {
  return withExtend(
    {
      EventType: 'AIMediaDNAComplete',
      EventTime: vodTimeWithColonMillis(at),
      CompleteTime: vodTime(at),
      JobId: jobId,
      MediaId: video.videoId,
      ...aiJobFields(outcome),
    },
    extend,
  );
}

export function aiVideoTagComplete(
  video: Video,
  jobId: string,
  outcome: AIJobOutcome,
  at: number,
  extend: string | undefined,
): VodEventWireOf<'AIVideoTagComplete'> {
  return withExtend(
    {
      EventType: 'AIVideoTagComplete',
      EventTime: vodTime(at),
      JobId: jobId,
      MediaId: video.videoId,
      ...aiJobFields(outcome),
    },
    extend,
  );
}

export function deleteMediaComplete(videoId: string, at: number): VodEventWireOf<'DeleteMediaComplete'> {
  return {
    EventType: 'DeleteMediaComplete',
    EventTime: vodTime(at),
    Status: 'success',
    MediaType: 'video',
    DeleteType: 'all',
    MediaId: videoId,
  };
}

// What the emulator's sources look like: one 1080p stream (the analysis and GetMezzanineInfo agree).
export const SOURCE_WIDTH = 1920;
export const SOURCE_HEIGHT = 1080;
export const SOURCE_FPS = '25';
export const SOURCE_BITRATE_KBPS = '4210';

/** What the free source analysis after an upload found (numbers as text, as VOD's samples send them). */
export function videoAnalysisComplete(video: Video, at: number): VodEventWireOf<'VideoAnalysisComplete'> {
  return {
    EventType: 'VideoAnalysisComplete',
    EventTime: vodTime(at),
    VideoId: video.videoId,
    Status: 'success',
    Duration: String(video.duration ?? 0),
    Width: String(SOURCE_WIDTH),
    Height: String(SOURCE_HEIGHT),
    Fps: SOURCE_FPS,
    Bitrate: SOURCE_BITRATE_KBPS,
    Size: String(video.fileSize ?? 0),
  };
}

/**
 * A video's base information created or deleted: each field it has, as a JSON text holding only
 * NewValue (create) or only OldValue (delete).
 */
export function mediaBaseChangeComplete(
  video: Video,
  mode: 'create' | 'delete',
  at: number,
): VodEventWireOf<'MediaBaseChangeComplete'> {
  const fields: Record<string, string | number | undefined> = {
    Title: video.title,
    Description: video.description,
    CateId: video.cateId,
    Tags: video.tags,
    CoverURL: video.coverUrl,
  };
  const content: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    content[name] = JSON.stringify(mode === 'create' ? { NewValue: value } : { OldValue: value });
  }
  return {
    EventType: 'MediaBaseChangeComplete',
    EventTime: vodTime(at),
    Status: 'success',
    MediaType: 'video',
    MediaId: video.videoId,
    OperateMode: mode,
    MediaContent: content,
  };
}

/** An animated image finished; its details travel as JSON text. */
export function dynamicImageComplete(
  video: Video,
  job: DynamicImageJob,
  at: number,
): VodEventWireOf<'DynamicImageComplete'> {
  const common = {
    EventType: 'DynamicImageComplete' as const,
    EventTime: vodTime(at),
    VideoId: video.videoId,
    JobId: job.jobId,
  };
  if (job.status !== 'success') {
    return {
      ...common,
      Status: 'fail',
      ErrorCode: 'InvalidParameter.ResourceContentBad',
      ErrorMessage: 'The resource operated InputFile is bad',
    };
  }
  const info = {
    JobId: job.jobId,
    Status: 'success',
    FileURL: `${MEDIA_HOST}/${video.videoId}/image/dynamic/${job.jobId}.gif`,
    FileSize: '912345',
    Fps: '10',
    Width: '320',
    Height: '180',
  };
  return { ...common, Status: 'success', DynamicImageJobInfo: JSON.stringify(info) };
}
