import { missingParameter, VodFault } from '../errors';
import {
  SOURCE_BITRATE_KBPS,
  SOURCE_FPS,
  SOURCE_HEIGHT,
  SOURCE_WIDTH,
  sourceUrl,
} from '../engine/event-builders';
import { parseUserData } from '../engine/user-data';
import type { TranscodeJob, TranscodeTask, Video } from '../engine/types';
import { vodTime } from '../engine/vod-time';
import type { ActionAnswer, ActionHandler } from './actions';
import { MAX_TRANSCODE_SUMMARY_VIDEO_IDS } from './limits';

// Playback and media-information actions. Lists follow the SDK models: PlayInfoList wraps its
// items, the others are plain arrays.

function optionalTime(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : vodTime(ms);
}

function playInfo(job: TranscodeJob, video: Video): ActionAnswer {
  return {
    JobId: job.jobId,
    Definition: job.definition,
    Format: job.format,
    PlayURL: job.fileUrl,
    Width: job.width,
    Height: job.height,
    Bitrate: job.bitrate,
    Size: job.size,
    Duration: String(video.duration ?? 0),
    Fps: SOURCE_FPS,
    Encrypt: 0,
    StreamType: 'video',
    Status: 'Normal',
    CreationTime: vodTime(job.creationTime),
    ModificationTime: optionalTime(job.completeTime),
  };
}

function mezzanine(video: Video, additionTypes: readonly string[], outputType: string): ActionAnswer {
  const uploaded = video.status !== 'Uploading';
  const videoStream = {
    Index: '0',
    CodecName: 'h264',
    Profile: 'High',
    PixFmt: 'yuv420p',
    Width: String(SOURCE_WIDTH),
    Height: String(SOURCE_HEIGHT),
    Fps: SOURCE_FPS,
    AvgFPS: SOURCE_FPS,
    Bitrate: SOURCE_BITRATE_KBPS,
    Duration: String(video.duration ?? 0),
    Rotate: '0',
  };
  const audioStream = {
    Index: '1',
    CodecName: 'aac',
    Channels: '2',
    ChannelLayout: 'stereo',
    SampleRate: '44100',
    Bitrate: '128',
    Duration: String(video.duration ?? 0),
  };
  return {
    VideoId: video.videoId,
    FileName: video.fileName,
    FileURL: sourceUrl(video),
    OutputType: outputType,
    Status: uploaded ? 'Normal' : 'Uploading',
    CreationTime: vodTime(video.creationTime),
    ...(uploaded && {
      Size: video.fileSize,
      Duration: String(video.duration ?? 0),
      Bitrate: SOURCE_BITRATE_KBPS,
      Width: SOURCE_WIDTH,
      Height: SOURCE_HEIGHT,
      Fps: SOURCE_FPS,
    }),
    // Stream details only when asked for (AdditionType) and known (after the upload).
    VideoStreamList: uploaded && additionTypes.includes('video') ? [videoStream] : undefined,
    AudioStreamList: uploaded && additionTypes.includes('audio') ? [audioStream] : undefined,
  };
}

function transcodeSummary(task: TranscodeTask): ActionAnswer {
  return {
    VideoId: task.videoId,
    TranscodeTemplateGroupId: task.templateGroupId,
    TranscodeStatus: task.status,
    CreationTime: vodTime(task.creationTime),
    CompleteTime: optionalTime(task.completeTime),
    TranscodeJobInfoSummaryList: task.jobs.map((job) => ({
      TranscodeTemplateId: job.templateId,
      TranscodeJobStatus: job.status,
      TranscodeProgress: job.progress,
      Width: job.width === undefined ? undefined : String(job.width),
      Height: job.height === undefined ? undefined : String(job.height),
      Bitrate: job.bitrate,
      Filesize: job.size === undefined ? undefined : String(job.size),
      Format: job.format,
      Fps: job.status === 'TranscodeSuccess' ? SOURCE_FPS : undefined,
      WatermarkIdList: [],
      ErrorCode: job.errorCode,
      ErrorMessage: job.errorMessage,
      CreationTime: vodTime(job.creationTime),
      CompleteTime: optionalTime(job.completeTime),
    })),
  };
}

export const MEDIA_ACTIONS: Record<string, ActionHandler> = {
  GetPlayInfo: ({ engine, params }) => {
    const video = engine.video(params.required('VideoId'));
    const definitions = params.list('Definition', Number.MAX_SAFE_INTEGER);
    const formats = params.list('Formats', Number.MAX_SAFE_INTEGER);
    const streams = engine
      .playableStreams(video.videoId)
      .filter((job) => definitions.length === 0 || definitions.includes(job.definition))
      .filter((job) => formats.length === 0 || formats.includes(job.format));
    // Unconfirmed code for a video without playable streams.
    if (streams.length === 0) throw new VodFault('InvalidVideo.NoneStream');
    return {
      VideoBase: {
        VideoId: video.videoId,
        Title: video.title,
        CoverURL: video.coverUrl,
        Duration: String(video.duration ?? 0),
        Status: video.status,
        MediaType: 'video',
        OutputType: 'cdn',
        CreationTime: vodTime(video.creationTime),
      },
      PlayInfoList: { PlayInfo: streams.map((job) => playInfo(job, video)) },
    };
  },

  GetMezzanineInfo: ({ engine, params }) => {
    const video = engine.video(params.required('VideoId'));
    const outputType = params.optional('OutputType') ?? 'cdn';
    if (outputType !== 'cdn' && outputType !== 'oss')
      throw new VodFault('InvalidParameter', 'The specified parameter "OutputType" is not valid: oss or cdn');
    return { Mezzanine: mezzanine(video, params.list('AdditionType', 2), outputType) };
  },

  GetTranscodeSummary: ({ engine, params }) => {
    const ids = params.list('VideoIds', MAX_TRANSCODE_SUMMARY_VIDEO_IDS);
    if (ids.length === 0) throw missingParameter('VideoIds');
    const summaries: ActionAnswer[] = [];
    const nonExist: string[] = [];
    for (const id of ids) {
      const tasks = engine.videoExists(id) ? engine.transcodeTasksOf(id) : undefined;
      if (!tasks) nonExist.push(id);
      // Latest summary only; a video never transcoded has none, so it is left out.
      else if (tasks.length > 0) summaries.push(transcodeSummary(tasks[tasks.length - 1]));
    }
    return { TranscodeSummaryList: summaries, NonExistVideoIds: nonExist };
  },

  SubmitDynamicImageJob: ({ engine, params }) => {
    const job = engine.submitDynamicImageJob(
      params.required('VideoId'),
      params.required('DynamicImageTemplateId'),
      parseUserData(params.optional('UserData')),
    );
    return { DynamicImageJob: { JobId: job.jobId } };
  },
};
