import type { VodClient } from '../clients/vod';
import type { FollowUpPort } from './follow-up-port';

// FollowUpPort over the typed VOD client: real VOD and the emulator alike.
export function vodFollowUpPort(vod: VodClient): FollowUpPort {
  return {
    async submitTranscode({ videoId, userData, templateGroupId, sessionId }) {
      if (!templateGroupId) {
        throw Object.assign(
          new Error('transcode=submit needs a transcoding template group (VODFLOW_TEMPLATE_GROUP_ID)'),
          { code: 'MissingTemplateGroupId', transient: false },
        );
      }
      const result = await vod.submitTranscodeJobs({
        VideoId: videoId,
        TemplateGroupId: templateGroupId,
        UserData: userData,
        SessionId: sessionId,
      });
      return { jobId: result.TranscodeJobs[0]?.JobId ?? result.TranscodeTaskId };
    },
    async submitSnapshot({ videoId, userData, templateId, count }) {
      const result = await vod.submitSnapshotJob(
        templateId
          ? { VideoId: videoId, SnapshotTemplateId: templateId, UserData: userData }
          : { VideoId: videoId, Count: count, Interval: 0, UserData: userData },
      );
      return { jobId: result.SnapshotJob.JobId };
    },
    async submitAIMediaAudit({ videoId, userData, templateId }) {
      const result = await vod.submitAIMediaAuditJob({
        MediaId: videoId,
        TemplateId: templateId,
        UserData: userData,
      });
      return { jobId: result.JobId };
    },
    async submitAIJob({ videoId, userData, type, config }) {
      const result = await vod.submitAIJob({
        MediaId: videoId,
        Types: type,
        Config: config,
        UserData: userData,
      });
      return { jobId: result.AIJobList[0]?.JobId };
    },
    async findTranscodeTaskSince(videoId, sinceMs) {
      const { TranscodeTaskList } = await vod.listTranscodeTask({
        VideoId: videoId,
        StartTime: vodUtc(sinceMs - CLOCK_SLACK_MS),
        EndTime: vodUtc(Date.now() + CLOCK_SLACK_MS),
        PageSize: 50,
      });
      const task = TranscodeTaskList.find((t) => t.Trigger !== 'Auto');
      if (!task) return undefined;
      // The event's JobId is a job's, not the task's: prefer the first job when the task shows it.
      const detail = await vod.getTranscodeTask({ TranscodeTaskId: task.TranscodeTaskId });
      return { jobId: detail.TranscodeTask.TranscodeJobInfoList[0]?.TranscodeJobId ?? task.TranscodeTaskId };
    },
    async findSnapshotJobSince(videoId, sinceMs) {
      const { MediaSnapshot } = await vod.listSnapshots({ VideoId: videoId });
      const created = MediaSnapshot?.CreationTime ? Date.parse(MediaSnapshot.CreationTime) : NaN;
      return MediaSnapshot?.JobId && created >= sinceMs - CLOCK_SLACK_MS
        ? { jobId: MediaSnapshot.JobId }
        : undefined;
    },
  };
}

// Our clock and VOD's differ a little; a look-up window too tight would miss our own job.
const CLOCK_SLACK_MS = 60_000;

function vodUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
