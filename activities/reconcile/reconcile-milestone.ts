import { isVodApiError } from '../../clients/vod';
import type { DecodedEvent } from '../../common/events';
import type { Milestone } from '../../common/reconcile-policy';
import { aiJobEvent, auditEvent, snapshotEvent, transcodeEvents, uploadEvent } from './synthesized-events';
import type { VodQueries } from './vod-queries';
import { asActivityFailure } from '../activity-failure';
import { latestSnapshotsIfOurs, newestTranscodeTaskSince } from '../vod-lookups';

export interface ReconcileInput {
  videoId: string;
  region?: string;
  milestone: Milestone;
  attempt: number;
  jobId?: string;
  /** When the wait began (ISO): a job found by listing must be at least this recent. */
  since: string;
}

export type ReconcileResult =
  | { outcome: 'settled'; events: DecodedEvent[]; detail: string }
  | { outcome: 'running' | 'unknown' | 'missing'; detail: string };

export interface ReconcileDeps {
  /** Rate-limited VOD queries of a region (undefined: the deployment's default region). */
  vodQueries(region: string | undefined): VodQueries;
  now?: () => Date;
}

// Transcode task statuses that mean "finished" (CompleteAllSucc, CompleteAllFail, CompletePartialSucc).
const TASK_DONE = /^Complete/;

const running = (detail: string): ReconcileResult => ({ outcome: 'running', detail });
const unknown = (detail: string): ReconcileResult => ({ outcome: 'unknown', detail });

function hasCode(error: unknown, ...codes: string[]): boolean {
  return (
    isVodApiError(error) && codes.some((code) => error.code === code || error.code.startsWith(`${code}.`))
  );
}

// Asks VOD about one milestone a video has waited too long for. Transient VOD errors are thrown (the
// activity retries with backoff); permanent ones, and events that cannot be rebuilt, fail the check
// at once, and the workflow repeats it later.
export function createReconcileMilestone(deps: ReconcileDeps) {
  return async function reconcileMilestone(input: ReconcileInput): Promise<ReconcileResult> {
    const vod = deps.vodQueries(input.region);
    const now = deps.now?.() ?? new Date();
    try {
      return await lookUp(vod, input, now);
    } catch (error) {
      if (hasCode(error, 'InvalidVideo.NotFound'))
        return { outcome: 'missing', detail: `VOD has no video ${input.videoId}` };
      throw asActivityFailure(error);
    }
  };
}

async function lookUp(vod: VodQueries, input: ReconcileInput, now: Date): Promise<ReconcileResult> {
  switch (input.milestone) {
    case 'upload':
      return upload(vod, input, now);
    case 'transcode':
      return transcode(vod, input, now);
    case 'snapshot':
      return snapshot(vod, input, now);
    case 'aiAudit':
      return aiAudit(vod, input, now);
    case 'aiTag':
    case 'aiDna':
      return aiJob(vod, input, input.milestone, now);
  }
}

async function upload(vod: VodQueries, input: ReconcileInput, now: Date): Promise<ReconcileResult> {
  const { Video } = await vod.getVideoInfo({ VideoId: input.videoId });
  // UploadFail is documented but unused: resumable uploads make a failed upload a paused one.
  if (Video.Status === 'Uploading' || Video.Status === 'UploadFail')
    return running(`the video is ${Video.Status}`);
  return { outcome: 'settled', events: [uploadEvent(Video, now)], detail: `the video is ${Video.Status}` };
}

async function transcode(vod: VodQueries, input: ReconcileInput, now: Date): Promise<ReconcileResult> {
  let taskId: string | undefined;
  if (input.jobId) {
    try {
      taskId = (await vod.getTranscodeTask({ JobIds: [input.jobId] })).TranscodeTask.TranscodeTaskId;
    } catch (error) {
      if (hasCode(error, 'NoSuchResource')) return unknown(`VOD has no transcode job ${input.jobId}`);
      throw error;
    }
  } else {
    // A transcode VOD started itself (transcode=auto), or a submission that returned no job id:
    // the newest task since the wait began.
    const newest = await newestTranscodeTaskSince(vod, input.videoId, Date.parse(input.since), {
      includeAuto: input.attempt === 0,
      nowMs: now.getTime(),
    });
    if (!newest) return unknown('VOD lists no transcode task since the wait began');
    taskId = newest.TranscodeTaskId;
  }
  const { TranscodeTask: task } = await vod.getTranscodeTask({ TranscodeTaskId: taskId });
  if (!TASK_DONE.test(task.TaskStatus ?? ''))
    return running(`transcode task ${taskId} is ${task.TaskStatus}`);
  return {
    outcome: 'settled',
    events: transcodeEvents(input.videoId, task, input.attempt, now),
    detail: `transcode task ${taskId} is ${task.TaskStatus}`,
  };
}

async function snapshot(vod: VodQueries, input: ReconcileInput, now: Date): Promise<ReconcileResult> {
  // ListSnapshots shows the latest successful job only: a failed job looks like one not done yet,
  // which is why unknown answers are bounded (the attempt then counts as lost and is retried).
  const { latest, ours } = await latestSnapshotsIfOurs(vod, input.videoId, {
    jobId: input.jobId,
    sinceMs: Date.parse(input.since),
  });
  if (!latest || !ours) {
    return unknown(
      latest
        ? `the latest snapshots are of job ${latest.JobId ?? '?'}, not ${input.jobId ?? 'this attempt'}`
        : 'VOD lists no snapshots',
    );
  }
  return {
    outcome: 'settled',
    events: [snapshotEvent(input.videoId, latest, input.attempt, now)],
    detail: `snapshot job ${latest.JobId ?? '?'} has ${latest.Total ?? 0} snapshots`,
  };
}

async function aiAudit(vod: VodQueries, input: ReconcileInput, now: Date): Promise<ReconcileResult> {
  if (!input.jobId) return unknown('the submission returned no job id to look up');
  let job;
  try {
    job = (await vod.getAIMediaAuditJob({ JobId: input.jobId })).MediaAuditJob;
  } catch (error) {
    if (hasCode(error, 'NoSuchResource')) return unknown(`VOD has no audit job ${input.jobId}`);
    throw error;
  }
  if (job.Status !== 'success' && job.Status !== 'fail')
    return running(`audit job ${job.JobId} is ${job.Status}`);
  return {
    outcome: 'settled',
    events: [auditEvent({ ...job, MediaId: job.MediaId ?? input.videoId }, input.attempt, now)],
    detail: `audit job ${job.JobId} is ${job.Status}`,
  };
}

async function aiJob(
  vod: VodQueries,
  input: ReconcileInput,
  stage: 'aiTag' | 'aiDna',
  now: Date,
): Promise<ReconcileResult> {
  if (!input.jobId) return unknown('the submission returned no job id to look up');
  const { AIJobList } = await vod.listAIJob({ JobIds: [input.jobId] });
  const job = AIJobList.find((candidate) => candidate.JobId === input.jobId);
  if (!job) return unknown(`VOD has no AI job ${input.jobId}`);
  if (job.Status !== 'success' && job.Status !== 'fail')
    return running(`AI job ${job.JobId} is ${job.Status}`);
  return {
    outcome: 'settled',
    events: [aiJobEvent(stage, input.videoId, job, input.attempt, now)],
    detail: `AI job ${job.JobId} is ${job.Status}`,
  };
}
