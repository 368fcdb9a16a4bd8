// Parameters of the VOD APIs this client calls, with VOD's own names. Lists are joined or
// JSON-encoded the way each API expects; JSON parameters take an object or a string.

export type JsonParam = Record<string, unknown> | string;
type IdList = string | readonly string[];

export interface AppScoped {
  /** Application id; VOD's default is app-1000000. */
  AppId?: string;
}

export interface SetMessageCallbackParams extends AppScoped {
  CallbackType?: 'HTTP' | 'MNS';
  CallbackURL?: string;
  /** Event types (or 'ALL'; 'AIComplete' enables the three AI events). Empty disables all. */
  EventTypeList?: IdList;
  AuthSwitch?: 'on' | 'off';
  AuthKey?: string;
  MnsEndpoint?: string;
  MnsQueueName?: string;
}

export interface CreateUploadVideoParams extends AppScoped {
  Title: string;
  FileName: string;
  FileSize?: number;
  Description?: string;
  CoverURL?: string;
  CateId?: number;
  Tags?: string;
  TemplateGroupId?: string;
  WorkflowId?: string;
  StorageLocation?: string;
  /** A string from buildUserData(). */
  UserData?: string;
}

export interface SubmitTranscodeJobsParams {
  VideoId: string;
  TemplateGroupId: string;
  PipelineId?: string;
  /** 1–10, 10 highest. */
  Priority?: number;
  EncryptConfig?: JsonParam;
  OverrideParams?: JsonParam;
  UserData?: string;
  /** VOD refuses a second submission with the same SessionId within 7 days. ≤ 50 of [A-Za-z0-9_-]. */
  SessionId?: string;
}

export interface SubmitSnapshotJobParams {
  VideoId: string;
  SnapshotTemplateId?: string;
  SpecifiedOffsetTime?: number;
  SpecifiedOffsetTimes?: readonly number[];
  Width?: number;
  Height?: number;
  Count?: number;
  Interval?: number;
  SpriteSnapshotConfig?: JsonParam;
  UserData?: string;
}

export interface SubmitAIMediaAuditJobParams {
  MediaId: string;
  MediaType?: 'video';
  TemplateId?: string;
  MediaAuditConfiguration?: JsonParam;
  UserData?: string;
}

export type AIJobType = 'AIMediaDNA' | 'AIVideoTag';

export interface SubmitAIJobParams {
  MediaId: string;
  Types: AIJobType | readonly AIJobType[];
  Config?: JsonParam;
  UserData?: string;
}

/** GetVideoInfo → Video.Status. */
export type VodVideoStatus =
  | 'Uploading'
  | 'UploadFail'
  | 'UploadSucc'
  | 'Transcoding'
  | 'TranscodeFail'
  | 'Checking'
  | 'Blocked'
  | 'Normal'
  | 'ProduceFail';

export interface GetVideoListParams {
  /** Only videos in these statuses (comma-joined). */
  Status?: VodVideoStatus | readonly VodVideoStatus[];
  /** UTC `yyyy-MM-ddTHH:mm:ssZ`, on CreationTime, inclusive. */
  StartTime?: string;
  /** UTC `yyyy-MM-ddTHH:mm:ssZ`, on CreationTime, exclusive. */
  EndTime?: string;
  CateId?: number;
  /** Default 1. VOD pages through the first 5,000 matches only: PageNo × PageSize ≤ 5000. */
  PageNo?: number;
  /** 1–100, default 10. */
  PageSize?: number;
  /** Default newest first. */
  SortBy?: 'CreationTime:Desc' | 'CreationTime:Asc';
}

export interface ListAIJobParams {
  /** ≤ 10 job ids from SubmitAIJob. */
  JobIds: IdList;
}

export interface GetTranscodeTaskParams {
  TranscodeTaskId?: string;
  /** ≤ 10 job ids. */
  JobIds?: IdList;
}

export interface ListTranscodeTaskParams {
  VideoId: string;
  StartTime?: string;
  EndTime?: string;
  PageNo?: number;
  /** 1–50. */
  PageSize?: number;
}

export interface ListSnapshotsParams {
  VideoId: string;
  SnapshotType?:
    'CoverSnapshot' | 'NormalSnapshot' | 'SpriteSnapshot' | 'SpriteOriginSnapshot' | 'WebVttSnapshot';
  AuthTimeout?: number;
  PageNo?: number;
  /** ≤ 100. */
  PageSize?: number;
}

export type RpcParams = Record<string, string>;

export type ParamValue =
  string | number | boolean | readonly (string | number)[] | Record<string, unknown> | undefined;

/**
 * The wire form of typed parameters: absent values dropped, numbers and booleans as text, lists
 * comma-joined, objects as JSON. Lists that VOD wants as JSON arrays are encoded by the caller.
 */
export function toRpcParams(params: Record<string, ParamValue>): RpcParams {
  const wire: RpcParams = {};
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (typeof value === 'string') wire[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') wire[name] = String(value);
    else if (Array.isArray(value)) wire[name] = value.map(String).join(',');
    else wire[name] = JSON.stringify(value);
  }
  return wire;
}
