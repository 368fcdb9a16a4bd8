import type { Client } from '@temporalio/client';
import type { ApplicationScope } from '../common/applications';
import type { HooksSource } from '../common/hooks/hooks-source';
import type { MetricMeter } from '@temporalio/common';
import type { PipelinePolicy } from '../common/pipeline-policy';
import type { ReconcilePolicy } from '../common/reconcile-policy';
import type { VideoWorkflowLimits } from '../workflows/video';
import { createSubmitFollowUp } from './follow-up';
import type { FollowUpPort } from './follow-up-port';
import { createQuarantiner } from './quarantiner';
import type { QueuePort } from './queue-port';
import { createReconcileMilestone } from './reconcile/reconcile-milestone';
import type { VodQueries } from './reconcile/vod-queries';
import { createPollQueue, type PollerLog } from './smq-poller';
import { createSweepRecentVideos } from './sweep-recent-videos';
import { createRunHook } from './hooks/run-hook';
import { createVideoApplication } from './video-application';
import { createVideoSignaller } from './video-signaller';

export interface ActivityDeps {
  /** For signal-with-start from the poller (a Client, not the worker's native connection). */
  temporal: Client;
  taskQueue: string;
  policy: PipelinePolicy;
  videoLimits?: VideoWorkflowLimits;
  /** Deadlines and reconciliation of new video workflows (their own defaults when absent). */
  reconcile?: ReconcilePolicy;
  queue(region: string, queue: string): QueuePort;
  followUps(region: string | undefined): FollowUpPort;
  /** Read-only VOD calls of a region (reconciliation and the sweep; their task queue is rate-limited). */
  vodQueries(region: string | undefined): VodQueries;
  /** Which VOD applications the deployment serves (VOD's default one when absent). */
  applications?: ApplicationScope;
  /** The deployment's hooks file, reread when it changes; absent without VODFLOW_HOOKS. */
  hooks?: HooksSource;
  log: PollerLog;
  /** The worker's meter with snake_case labels (workers/vodflow-meter.ts); tests go without. */
  metrics?: MetricMeter;
  heartbeatIntervalMs?: number;
  /** Aborted when the worker begins to shut down (pollers stop at once and drain). */
  shutdownSignal?: AbortSignal;
}

// Every activity of vodflow, built over injected clients so that the same code runs against real
// SMQ/VOD and the emulators. Workflows type their proxies with ReturnType<typeof createActivities>.
export function createActivities(deps: ActivityDeps) {
  const signalVideo = createVideoSignaller(deps);
  return {
    pollQueue: createPollQueue({
      queue: (region, queue) => deps.queue(region, queue),
      signalVideo,
      enforcedAppId: (region, queue) =>
        deps.applications?.enforced ? deps.applications.forQueue(region, queue) : undefined,
      quarantine: createQuarantiner(deps),
      log: deps.log,
      metrics: deps.metrics,
      heartbeatIntervalMs: deps.heartbeatIntervalMs,
      shutdownSignal: deps.shutdownSignal,
    }),
    submitFollowUp: createSubmitFollowUp(deps),
    reconcileMilestone: createReconcileMilestone(deps),
    videoApplication: createVideoApplication(deps),
    runHook: createRunHook({
      temporal: deps.temporal,
      queue: (region, queue) => deps.queue(region, queue),
      secret: (name) => process.env[name],
    }),
    sweepRecentVideos: createSweepRecentVideos(deps),
    // The worker's pipeline policy as configured now: a running video reads it before each follow-up
    // decision, so that a fixed configuration applies without restarting the video.
    deploymentPolicy(): Promise<PipelinePolicy> {
      return Promise.resolve(deps.policy);
    },
    async redriveMessage({ region, queue, body }: { region: string; queue: string; body: string }) {
      return deps.queue(region, queue).send(body);
    },
  };
}

export type VodflowActivities = ReturnType<typeof createActivities>;
