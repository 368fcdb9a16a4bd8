import { invalidParameter, missingParameter, VodFault } from '../errors';
import { snapshotUrl } from '../engine/event-builders';
import { parseUserData } from '../engine/user-data';
import type {
  AIJob,
  AIJobType,
  CallbackConfig,
  TranscodeTask,
  Video,
  VideoSortOrder,
  VideoStatus,
} from '../engine/types';
import type { VodEngine } from '../engine/vod-engine';
import { vodTime } from '../engine/vod-time';
import {
  DEFAULT_APP_ID,
  MAX_AI_JOB_IDS,
  MAX_CALLBACK_URL_BYTES,
  MAX_DELETE_VIDEO_IDS,
  MAX_LIST_SNAPSHOTS_PAGE_SIZE,
  MAX_LIST_TRANSCODE_PAGE_SIZE,
  MAX_TRANSCODE_JOB_IDS,
  MAX_VIDEO_LIST_PAGE_SIZE,
  MAX_VIDEO_LIST_RESULTS,
  SESSION_ID_PATTERN,
} from './limits';
import type { ActionParams } from './param-readers';

export interface ActionContext {
  engine: VodEngine;
  params: ActionParams;
  regionId: string;
}

/** An action's answer without RequestId (the server adds it). */
export type ActionAnswer = Record<string, unknown>;
export type ActionHandler = (ctx: ActionContext) => ActionAnswer;

function videoInfo(video: Video): ActionAnswer {
  return {
    VideoId: video.videoId,
    Title: video.title,
    Description: video.description,
    Tags: video.tags,
    CateId: video.cateId,
    Status: video.status,
    Size: video.fileSize,
    Duration: video.duration,
    CoverURL: video.coverUrl,
    CreationTime: vodTime(video.creationTime),
    ModificationTime: vodTime(video.modificationTime),
    Snapshots: { Snapshot: video.snapshots },
    TemplateGroupId: video.templateGroupId,
    StorageLocation: 'outin-vod-emulator.oss-cn-shanghai.aliyuncs.com',
    RegionId: video.regionId,
    AppId: video.appId,
    AuditStatus: video.auditStatus,
    DownloadSwitch: 'on',
    StorageClass: 'Standard',
    UserData: video.uploadUserData.raw,
  };
}

function transcodeTaskSummary(task: TranscodeTask): ActionAnswer {
  return {
    TranscodeTaskId: task.taskId,
    VideoId: task.videoId,
    TranscodeTemplateGroupId: task.templateGroupId,
    TaskStatus: task.status,
    Trigger: task.trigger,
    CreationTime: vodTime(task.creationTime),
    CompleteTime: task.completeTime === undefined ? undefined : vodTime(task.completeTime),
  };
}

function transcodeTaskDetail(task: TranscodeTask, onlyJobs?: ReadonlySet<string>): ActionAnswer {
  const jobs = task.jobs.filter((job) => !onlyJobs || onlyJobs.has(job.jobId));
  return {
    ...transcodeTaskSummary(task),
    // A plain array in the real API (unlike most VOD lists, which wrap their items).
    TranscodeJobInfoList: jobs.map((job) => ({
      TranscodeJobId: job.jobId,
      TranscodeTemplateId: job.templateId,
      TranscodeJobStatus: job.status,
      TranscodeProgress: job.progress,
      Priority: job.priority,
      Definition: job.definition,
      OutputFile:
        job.status === 'TranscodeSuccess'
          ? {
              OutputFileUrl: job.fileUrl,
              Format: job.format,
              Width: String(job.width),
              Height: String(job.height),
              Bitrate: job.bitrate,
              Filesize: job.size,
            }
          : undefined,
      ErrorCode: job.errorCode,
      ErrorMessage: job.errorMessage,
      CreationTime: vodTime(job.creationTime),
      CompleteTime: job.completeTime === undefined ? undefined : vodTime(job.completeTime),
    })),
  };
}

function callbackAnswer(config: CallbackConfig): ActionAnswer {
  return {
    AppId: config.appId,
    CallbackType: config.callbackType,
    CallbackURL: config.callbackUrl,
    EventTypeList: config.eventTypeList,
    AuthSwitch: config.authSwitch,
    AuthKey: config.authKey,
    MnsEndpoint: config.mnsEndpoint,
    MnsQueueName: config.mnsQueueName,
  };
}

function sessionId(value: string | undefined): string | undefined {
  if (value !== undefined && !SESSION_ID_PATTERN.test(value)) {
    throw invalidParameter('SessionId', 'at most 50 of [A-Za-z0-9_-]');
  }
  return value;
}

const AI_JOB_TYPES: readonly AIJobType[] = ['AIMediaDNA', 'AIVideoTag'];

const VIDEO_STATUSES: readonly VideoStatus[] = [
  'Uploading',
  'UploadFail',
  'UploadSucc',
  'Transcoding',
  'TranscodeFail',
  'Checking',
  'Blocked',
  'Normal',
  'ProduceFail',
];

const SORT_ORDERS: Readonly<Record<string, VideoSortOrder>> = {
  'CreationTime:Desc': 'desc',
  'CreationTime:Asc': 'asc',
};

const VOD_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** A UTC `yyyy-MM-ddTHH:mm:ssZ` parameter as epoch ms. */
function timeParam(params: ActionParams, name: string): number | undefined {
  const text = params.optional(name);
  if (text === undefined) return undefined;
  const ms = VOD_TIME_PATTERN.test(text) ? Date.parse(text) : Number.NaN;
  // Date.parse rolls impossible dates (02-30, 24:00) over; the round trip refuses them.
  if (Number.isNaN(ms) || vodTime(ms) !== text) {
    throw invalidParameter(name, 'expected a UTC time yyyy-MM-ddTHH:mm:ssZ');
  }
  return ms;
}

function optionalInteger(params: ActionParams, name: string): number | undefined {
  if (params.optional(name) === undefined) return undefined;
  return params.integer(name, 0, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
}

function aiJobAnswer(job: AIJob): ActionAnswer {
  return {
    JobId: job.jobId,
    MediaId: job.mediaId,
    Type: job.type,
    Status: job.status,
    Code: job.code,
    Message: job.message,
    CreationTime: vodTime(job.creationTime),
    CompleteTime: job.completeTime === undefined ? undefined : vodTime(job.completeTime),
    Data: job.data,
  };
}

export const ACTIONS: Record<string, ActionHandler> = {
  SetMessageCallback: ({ engine, params, regionId }) => {
    const appId = params.optional('AppId') ?? DEFAULT_APP_ID;
    const callbackType = (params.optional('CallbackType') ?? 'HTTP').toUpperCase();
    if (callbackType !== 'HTTP' && callbackType !== 'MNS')
      throw invalidParameter('CallbackType', 'HTTP or MNS');
    const config: CallbackConfig = {
      appId,
      callbackType,
      eventTypeList: params.optional('EventTypeList') ?? '',
      authSwitch: params.optional('AuthSwitch'),
      authKey: params.optional('AuthKey'),
    };
    if (callbackType === 'MNS') {
      config.mnsEndpoint = params.required('MnsEndpoint');
      config.mnsQueueName = params.required('MnsQueueName');
    } else {
      const url = params.required('CallbackURL');
      if (Buffer.byteLength(url) > MAX_CALLBACK_URL_BYTES)
        throw invalidParameter('CallbackURL', `over ${MAX_CALLBACK_URL_BYTES} bytes`);
      config.callbackUrl = url;
    }
    engine.setMessageCallback(regionId, config);
    return {};
  },

  GetMessageCallback: ({ engine, params, regionId }) => {
    const config = engine.getMessageCallback(regionId, params.optional('AppId') ?? DEFAULT_APP_ID);
    return config ? { MessageCallback: callbackAnswer(config) } : {};
  },

  DeleteMessageCallback: ({ engine, params, regionId }) => {
    engine.deleteMessageCallback(regionId, params.optional('AppId') ?? DEFAULT_APP_ID);
    return {};
  },

  CreateUploadVideo: ({ engine, params, regionId }) => {
    const fileSize = params.optional('FileSize');
    const video = engine.createUploadVideo({
      regionId,
      appId: params.optional('AppId') ?? DEFAULT_APP_ID,
      title: params.required('Title'),
      fileName: params.required('FileName'),
      fileSize:
        fileSize === undefined ? undefined : params.integer('FileSize', 0, 0, Number.MAX_SAFE_INTEGER),
      description: params.optional('Description'),
      tags: params.optional('Tags'),
      cateId: optionalInteger(params, 'CateId'),
      templateGroupId: params.optional('TemplateGroupId'),
      userData: parseUserData(params.optional('UserData')),
    });
    const address = {
      Endpoint: 'http://oss-vod-emulator.invalid',
      Bucket: 'outin-vod-emulator',
      FileName: `sv/${video.videoId}/${video.fileName}`,
    };
    // Fake, local-only upload credentials in VOD's Base64-JSON shape.
    const auth = {
      AccessKeyId: 'STS.vod-emulator',
      AccessKeySecret: 'vod-emulator',
      SecurityToken: 'vod-emulator',
      Expiration: '3600',
    };
    return {
      VideoId: video.videoId,
      UploadAddress: Buffer.from(JSON.stringify(address)).toString('base64'),
      UploadAuth: Buffer.from(JSON.stringify(auth)).toString('base64'),
    };
  },

  GetVideoInfo: ({ engine, params }) => ({ Video: videoInfo(engine.video(params.required('VideoId'))) }),

  GetVideoList: ({ engine, params, regionId }) => {
    const statuses = params.list('Status', VIDEO_STATUSES.length);
    const unknown = statuses.filter((status) => !(VIDEO_STATUSES as readonly string[]).includes(status));
    if (unknown.length > 0) throw invalidParameter('Status', `unknown ${unknown.join(',')}`);
    const sortBy = params.optional('SortBy') ?? 'CreationTime:Desc';
    const order = SORT_ORDERS[sortBy];
    if (order === undefined) throw invalidParameter('SortBy', 'CreationTime:Desc or CreationTime:Asc');
    const pageNo = params.integer('PageNo', 1, 1, Number.MAX_SAFE_INTEGER);
    const pageSize = params.integer('PageSize', 10, 1, MAX_VIDEO_LIST_PAGE_SIZE);
    if (pageNo * pageSize > MAX_VIDEO_LIST_RESULTS) {
      throw invalidParameter(
        'PageNo',
        `only the first ${MAX_VIDEO_LIST_RESULTS} matches can be paged through`,
      );
    }
    const { total, videos } = engine.listVideos({
      regionId,
      statuses: statuses as VideoStatus[],
      startTime: timeParam(params, 'StartTime'),
      endTime: timeParam(params, 'EndTime'),
      cateId: optionalInteger(params, 'CateId'),
      order,
      pageNo,
      pageSize,
    });
    // VOD leaves the list out of an empty answer.
    return videos.length === 0
      ? { Total: total }
      : { Total: total, VideoList: { Video: videos.map(videoInfo) } };
  },

  DeleteVideo: ({ engine, params }) => {
    const ids = params.list('VideoIds', MAX_DELETE_VIDEO_IDS);
    if (ids.length === 0) throw missingParameter('VideoIds');
    const { nonExist } = engine.deleteVideos(ids);
    return { NonExistVideoIds: nonExist, ForbiddenVideoIds: [] };
  },

  SubmitTranscodeJobs: ({ engine, params }) => {
    const task = engine.submitTranscodeJobs(
      params.required('VideoId'),
      params.required('TemplateGroupId'),
      String(params.integer('Priority', 6, 1, 10)),
      parseUserData(params.optional('UserData')),
      sessionId(params.optional('SessionId')),
    );
    return {
      TranscodeTaskId: task.taskId,
      TranscodeJobs: { TranscodeJob: task.jobs.map((job) => ({ JobId: job.jobId })) },
    };
  },

  SubmitSnapshotJob: ({ engine, params }) => {
    const job = engine.submitSnapshotJob(
      params.required('VideoId'),
      params.integer('Count', 1, 1, Number.MAX_SAFE_INTEGER),
      parseUserData(params.optional('UserData')),
    );
    return { SnapshotJob: { JobId: job.jobId } };
  },

  SubmitAIMediaAuditJob: ({ engine, params }) => {
    const mediaType = params.optional('MediaType');
    if (mediaType !== undefined && mediaType !== 'video') throw invalidParameter('MediaType', 'only video');
    const job = engine.submitAIMediaAuditJob(
      params.required('MediaId'),
      parseUserData(params.optional('UserData')),
    );
    return { JobId: job.jobId, MediaId: job.mediaId };
  },

  SubmitAIJob: ({ engine, params }) => {
    const types = params.list('Types', AI_JOB_TYPES.length);
    if (types.length === 0) throw missingParameter('Types');
    const unknown = types.filter((type) => !(AI_JOB_TYPES as readonly string[]).includes(type));
    if (unknown.length > 0) throw invalidParameter('Types', `unknown ${unknown.join(',')}`);
    const jobs = engine.submitAIJob(
      params.required('MediaId'),
      types as AIJobType[],
      parseUserData(params.optional('UserData')),
    );
    return {
      AIJobList: { AIJob: jobs.map((job) => ({ JobId: job.jobId, MediaId: job.mediaId, Type: job.type })) },
    };
  },

  ListAIJob: ({ engine, params }) => {
    const ids = [...new Set(params.list('JobIds', MAX_AI_JOB_IDS))];
    if (ids.length === 0) throw missingParameter('JobIds');
    const found: ActionAnswer[] = [];
    const nonExist: string[] = [];
    for (const id of ids) {
      const job = engine.aiJob(id);
      if (job) found.push(aiJobAnswer(job));
      else nonExist.push(id);
    }
    return { AIJobList: { AIJob: found }, NonExistAIJobIds: { String: nonExist } };
  },

  GetTranscodeTask: ({ engine, params }) => {
    const taskId = params.optional('TranscodeTaskId');
    const jobIds = params.list('JobIds', MAX_TRANSCODE_JOB_IDS);
    if (taskId === undefined && jobIds.length === 0) throw missingParameter('TranscodeTaskId');
    const task = taskId !== undefined ? engine.transcodeTask(taskId) : engine.transcodeTaskOfJob(jobIds[0]);
    if (!task) throw new VodFault('NoSuchResource', 'The transcode task does not exist.');
    return { TranscodeTask: transcodeTaskDetail(task, jobIds.length > 0 ? new Set(jobIds) : undefined) };
  },

  ListTranscodeTask: ({ engine, params }) => {
    const videoId = params.required('VideoId');
    const pageNo = params.integer('PageNo', 1, 1, Number.MAX_SAFE_INTEGER);
    const pageSize = params.integer('PageSize', 10, 1, MAX_LIST_TRANSCODE_PAGE_SIZE);
    // The window is on CreationTime, start inclusive and end exclusive, as GetVideoList's.
    const startTime = timeParam(params, 'StartTime');
    const endTime = timeParam(params, 'EndTime');
    const tasks = engine
      .transcodeTasksOf(videoId)
      .filter(
        (task) =>
          (startTime === undefined || task.creationTime >= startTime) &&
          (endTime === undefined || task.creationTime < endTime),
      )
      .sort((a, b) => b.creationTime - a.creationTime);
    const page = tasks.slice((pageNo - 1) * pageSize, pageNo * pageSize);
    return { TranscodeTaskList: page.map(transcodeTaskSummary) };
  },

  ListSnapshots: ({ engine, params }) => {
    const videoId = params.required('VideoId');
    engine.video(videoId);
    const pageNo = params.integer('PageNo', 1, 1, Number.MAX_SAFE_INTEGER);
    const pageSize = params.integer('PageSize', 20, 1, MAX_LIST_SNAPSHOTS_PAGE_SIZE);
    const job = engine.latestSnapshotJob(videoId);
    if (!job?.regular) return {};
    const first = (pageNo - 1) * pageSize + 1;
    const last = Math.min(job.count, pageNo * pageSize);
    const snapshots = [];
    for (let index = first; index <= last; index++)
      snapshots.push({ Index: index, Url: snapshotUrl(job.regular, index) });
    return {
      MediaSnapshot: {
        JobId: job.jobId,
        CreationTime: vodTime(job.creationTime),
        Regular: job.regular,
        Total: job.count,
        Snapshots: { Snapshot: snapshots },
      },
    };
  },

  GetAIMediaAuditJob: ({ engine, params }) => {
    const job = engine.auditJob(params.required('JobId'));
    if (!job) throw new VodFault('NoSuchResource', 'The audit job does not exist.');
    return {
      MediaAuditJob: {
        JobId: job.jobId,
        MediaId: job.mediaId,
        Type: 'AIMediaAudit',
        Status: job.status,
        Code: job.code,
        Message: job.message,
        CreationTime: vodTime(job.creationTime),
        CompleteTime: job.completeTime === undefined ? undefined : vodTime(job.completeTime),
        Data: job.result,
      },
    };
  },

  GetMediaAuditResult: ({ engine, params }) => {
    const mediaId = params.required('MediaId');
    engine.video(mediaId);
    const job = engine.latestAudit(mediaId);
    return job?.result ? { MediaAuditResult: job.result } : {};
  },
};
