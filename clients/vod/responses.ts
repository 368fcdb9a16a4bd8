import { z } from 'zod';
import { jsonObjectOrTextField, numberField, textField, wrappedList } from './response-fields';

// Answers of the VOD APIs this client calls, validated loosely: fields VOD adds are kept,
// documented fields are checked and numbers coerced. Wrapped lists become arrays.

const requestId = { RequestId: z.string() };

export const requestOnlyAnswer = z.looseObject(requestId);

export const getMessageCallbackAnswer = z.looseObject({
  ...requestId,
  // Absent (or empty) when the region has no callback configured.
  MessageCallback: z
    .looseObject({
      CallbackType: z.string().optional(),
      CallbackURL: z.string().optional(),
      EventTypeList: z.string().optional(),
      AuthSwitch: z.string().optional(),
      AuthKey: z.string().optional(),
      MnsEndpoint: z.string().optional(),
      MnsQueueName: z.string().optional(),
      AppId: z.string().optional(),
    })
    .optional(),
});

export const createUploadVideoAnswer = z.looseObject({
  ...requestId,
  VideoId: z.string(),
  // Base64 JSON: the OSS location and temporary upload credentials. Never log these.
  UploadAddress: z.string(),
  UploadAuth: z.string(),
});

export const videoInfoSchema = z.looseObject({
  VideoId: z.string(),
  Status: z.string(),
  Title: z.string().optional(),
  Description: z.string().optional(),
  Duration: numberField.optional(),
  CoverURL: z.string().optional(),
  CreationTime: z.string().optional(),
  ModificationTime: z.string().optional(),
  Size: numberField.optional(),
  Snapshots: wrappedList('Snapshot', z.string()),
  CateId: numberField.optional(),
  CateName: z.string().optional(),
  Tags: z.string().optional(),
  TemplateGroupId: z.string().optional(),
  StorageLocation: z.string().optional(),
  RegionId: z.string().optional(),
  AppId: z.string().optional(),
  AuditStatus: z.string().optional(),
  DownloadSwitch: z.string().optional(),
  StorageClass: z.string().optional(),
  RestoreStatus: z.string().optional(),
  RestoreExpiration: z.string().optional(),
  UserData: z.string().optional(),
  ReferenceId: z.string().optional(),
});

export const getVideoInfoAnswer = z.looseObject({ ...requestId, Video: videoInfoSchema });

export const getVideoListAnswer = z.looseObject({
  ...requestId,
  /** Every match, not only this page's (paging itself stops at the first 5,000). */
  Total: numberField,
  // Absent when nothing matches.
  VideoList: wrappedList('Video', videoInfoSchema),
});

export const deleteVideoAnswer = z.looseObject({
  ...requestId,
  NonExistVideoIds: wrappedList('VideoId', z.string()),
  ForbiddenVideoIds: wrappedList('VideoId', z.string()),
});

export const submitTranscodeJobsAnswer = z.looseObject({
  ...requestId,
  TranscodeTaskId: z.string(),
  // Not returned for HLS packaging tasks.
  TranscodeJobs: wrappedList('TranscodeJob', z.looseObject({ JobId: z.string() })),
});

export const submitSnapshotJobAnswer = z.looseObject({
  ...requestId,
  SnapshotJob: z.looseObject({ JobId: z.string() }),
});

export const submitAIMediaAuditJobAnswer = z.looseObject({
  ...requestId,
  JobId: z.string(),
  MediaId: z.string().optional(),
});

export const submitAIJobAnswer = z.looseObject({
  ...requestId,
  AIJobList: wrappedList(
    'AIJob',
    z.looseObject({ JobId: z.string(), MediaId: z.string().optional(), Type: z.string().optional() }),
  ),
});

export const aiJobSchema = z.looseObject({
  JobId: z.string(),
  MediaId: z.string().optional(),
  // AIMediaDNA | AIVideoTag
  Type: z.string().optional(),
  // processing | success | fail
  Status: z.string(),
  Code: textField.optional(),
  Message: z.string().optional(),
  CreationTime: z.string().optional(),
  CompleteTime: z.string().optional(),
  // JSON text in VOD's answer (as in the AI events); the object when it parses as one.
  Data: jsonObjectOrTextField.optional(),
});

export const listAIJobAnswer = z.looseObject({
  ...requestId,
  AIJobList: wrappedList('AIJob', aiJobSchema),
  NonExistAIJobIds: wrappedList('String', z.string()),
});

const transcodeTaskSummary = {
  TranscodeTaskId: z.string(),
  VideoId: z.string().optional(),
  TranscodeTemplateGroupId: z.string().optional(),
  TaskStatus: z.string().optional(),
  Trigger: z.string().optional(),
  CreationTime: z.string().optional(),
  CompleteTime: z.string().optional(),
};

export const transcodeJobInfoSchema = z.looseObject({
  TranscodeJobId: z.string().optional(),
  TranscodeTemplateId: z.string().optional(),
  TranscodeJobStatus: z.string().optional(),
  TranscodeProgress: numberField.optional(),
  Priority: textField.optional(),
  Definition: z.string().optional(),
  InputFileUrl: z.string().optional(),
  OutputFile: z
    .looseObject({
      OutputFileUrl: z.string().optional(),
      Format: z.string().optional(),
      Width: textField.optional(),
      Height: textField.optional(),
      Duration: textField.optional(),
      Bitrate: textField.optional(),
      Fps: textField.optional(),
      Filesize: numberField.optional(),
      Encryption: textField.optional(),
    })
    .optional(),
  ErrorCode: z.string().optional(),
  ErrorMessage: z.string().optional(),
  CreationTime: z.string().optional(),
  CompleteTime: z.string().optional(),
});

export const getTranscodeTaskAnswer = z.looseObject({
  ...requestId,
  TranscodeTask: z.looseObject({
    ...transcodeTaskSummary,
    TranscodeJobInfoList: wrappedList('TranscodeJobInfo', transcodeJobInfoSchema),
  }),
});

export const listTranscodeTaskAnswer = z.looseObject({
  ...requestId,
  TranscodeTaskList: wrappedList('TranscodeTask', z.looseObject(transcodeTaskSummary)),
});

export const listSnapshotsAnswer = z.looseObject({
  ...requestId,
  // Latest snapshot job only; absent when the video has none.
  MediaSnapshot: z
    .looseObject({
      JobId: z.string().optional(),
      CreationTime: z.string().optional(),
      Regular: z.string().optional(),
      Total: numberField.optional(),
      Snapshots: wrappedList('Snapshot', z.looseObject({ Index: numberField.optional(), Url: z.string() })),
    })
    .optional(),
});

export const getAIMediaAuditJobAnswer = z.looseObject({
  ...requestId,
  // The same job shape as ListAIJob's (Type AIMediaAudit; Status also init before processing).
  MediaAuditJob: aiJobSchema,
});

export const getMediaAuditResultAnswer = z.looseObject({
  ...requestId,
  MediaAuditResult: z
    .looseObject({
      Suggestion: z.string().optional(),
      Label: z.string().optional(),
      AbnormalModules: z.string().optional(),
    })
    .optional(),
});

export type RequestOnlyResult = z.output<typeof requestOnlyAnswer>;
export type GetMessageCallbackResult = z.output<typeof getMessageCallbackAnswer>;
export type CreateUploadVideoResult = z.output<typeof createUploadVideoAnswer>;
export type VideoInfo = z.output<typeof videoInfoSchema>;
export type GetVideoInfoResult = z.output<typeof getVideoInfoAnswer>;
export type GetVideoListResult = z.output<typeof getVideoListAnswer>;
export type DeleteVideoResult = z.output<typeof deleteVideoAnswer>;
export type SubmitTranscodeJobsResult = z.output<typeof submitTranscodeJobsAnswer>;
export type SubmitSnapshotJobResult = z.output<typeof submitSnapshotJobAnswer>;
export type SubmitAIMediaAuditJobResult = z.output<typeof submitAIMediaAuditJobAnswer>;
export type SubmitAIJobResult = z.output<typeof submitAIJobAnswer>;
export type AIJobInfo = z.output<typeof aiJobSchema>;
export type ListAIJobResult = z.output<typeof listAIJobAnswer>;
export type TranscodeJobInfo = z.output<typeof transcodeJobInfoSchema>;
export type GetTranscodeTaskResult = z.output<typeof getTranscodeTaskAnswer>;
export type ListTranscodeTaskResult = z.output<typeof listTranscodeTaskAnswer>;
export type ListSnapshotsResult = z.output<typeof listSnapshotsAnswer>;
export type GetAIMediaAuditJobResult = z.output<typeof getAIMediaAuditJobAnswer>;
export type GetMediaAuditResultResult = z.output<typeof getMediaAuditResultAnswer>;
