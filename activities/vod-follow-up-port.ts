import type { VodClient } from '../clients/vod';
import type { FollowUpPort } from './follow-up-port';
import { latestSnapshotsIfOurs, newestTranscodeTaskSince } from './vod-lookups';

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
      const task = await newestTranscodeTaskSince(vod, videoId, sinceMs, { includeAuto: false });
      if (!task) return undefined;
      // The event's JobId is a job's, not the task's: prefer the first job when the task shows it.
      const detail = await vod.getTranscodeTask({ TranscodeTaskId: task.TranscodeTaskId });
      return { jobId: detail.TranscodeTask.TranscodeJobInfoList[0]?.TranscodeJobId ?? task.TranscodeTaskId };
    },
    async findSnapshotJobSince(videoId, sinceMs) {
      const { latest, ours } = await latestSnapshotsIfOurs(vod, videoId, { sinceMs });
      return ours && latest?.JobId ? { jobId: latest.JobId } : undefined;
    },
  };
}
