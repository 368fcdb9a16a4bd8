// Entities the VOD engine keeps. Field names follow VOD's API answers where they surface there.

/** GetVideoInfo → Video.Status. */
export type VideoStatus =
  | 'Uploading'
  | 'UploadFail'
  | 'UploadSucc'
  | 'Transcoding'
  | 'TranscodeFail'
  | 'Checking'
  | 'Blocked'
  | 'Normal'
  | 'ProduceFail';

export type AuditSuggestion = 'pass' | 'review' | 'block';

/** Where a callback goes: the global configuration, or a per-request UserData override. */
export interface CallbackTarget {
  callbackType: 'MNS' | 'HTTP';
  mnsEndpoint?: string;
  mnsQueueName?: string;
  callbackUrl?: string;
}

export interface CallbackConfig extends CallbackTarget {
  appId: string;
  eventTypeList: string;
  authSwitch?: string;
  authKey?: string;
}

/** What a request's UserData carried: an override target and the Extend text echoed in events. */
export interface RequestUserData {
  target?: CallbackTarget;
  extend?: string;
  raw?: string;
}

export interface Video {
  videoId: string;
  regionId: string;
  appId: string;
  title: string;
  description?: string;
  tags?: string;
  cateId?: number;
  fileName: string;
  fileSize?: number;
  templateGroupId?: string;
  status: VideoStatus;
  auditStatus?: 'Normal' | 'Blocked';
  creationTime: number;
  modificationTime: number;
  duration?: number;
  coverUrl?: string;
  snapshots: string[];
  uploadUserData: RequestUserData;
  /** Set by the admin API: the suggestion the next AI audit gives, overriding title/tag markers. */
  auditSuggestionOverride?: AuditSuggestion;
  everNormal: boolean;
}

export type TranscodeJobStatus = 'Transcoding' | 'TranscodeSuccess' | 'TranscodeFail';

export interface TranscodeJob {
  jobId: string;
  definition: string;
  format: string;
  templateId: string;
  status: TranscodeJobStatus;
  progress: number;
  priority: string;
  errorCode?: string;
  errorMessage?: string;
  fileUrl?: string;
  width?: number;
  height?: number;
  bitrate?: string;
  size?: number;
  creationTime: number;
  completeTime?: number;
}

export type TranscodeTaskStatus =
  'Processing' | 'Partial' | 'CompleteAllSucc' | 'CompleteAllFail' | 'CompletePartialSucc';

export interface TranscodeTask {
  taskId: string;
  videoId: string;
  templateGroupId: string;
  status: TranscodeTaskStatus;
  trigger: 'Auto' | 'Manual';
  creationTime: number;
  completeTime?: number;
  jobs: TranscodeJob[];
}

export interface SnapshotJob {
  jobId: string;
  videoId: string;
  count: number;
  status: 'processing' | 'success' | 'fail';
  regular?: string;
  creationTime: number;
  completeTime?: number;
}

export interface DynamicImageJob {
  jobId: string;
  videoId: string;
  templateId: string;
  status: 'processing' | 'success' | 'fail';
  creationTime: number;
}

export interface AuditJob {
  jobId: string;
  mediaId: string;
  status: 'init' | 'processing' | 'success' | 'fail';
  code?: string;
  message?: string;
  result?: Record<string, unknown>;
  creationTime: number;
  completeTime?: number;
}

export type AIJobType = 'AIMediaDNA' | 'AIVideoTag';

export interface AIJob {
  jobId: string;
  mediaId: string;
  type: AIJobType;
  status: 'processing' | 'success' | 'fail';
  creationTime: number;
  /** Set when the job finishes, to what its completion event carries (ListAIJob answers with them). */
  completeTime?: number;
  code?: string;
  message?: string;
  /** JSON text, as in the AIMediaDNAComplete / AIVideoTagComplete events. */
  data?: string;
}

export type VideoSortOrder = 'asc' | 'desc';

/** What GetVideoList selects; times are epoch ms, start inclusive, end exclusive. */
export interface VideoListQuery {
  regionId: string;
  statuses?: readonly VideoStatus[];
  startTime?: number;
  endTime?: number;
  cateId?: number;
  order: VideoSortOrder;
  pageNo: number;
  pageSize: number;
}
