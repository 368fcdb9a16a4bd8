import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { SweepInput, SweepResult } from '../activities/sweep-recent-videos';
import { activityTaskQueues } from './activity-queues';

// One sweep of a region (started by its Temporal Schedule, `vodflow-sweep:<region>`): list the
// videos VOD created recently and start a workflow for every one vodflow has none for.
export async function sweepWorkflow(input: SweepInput): Promise<SweepResult> {
  const { sweepRecentVideos } = proxyActivities<ReturnType<typeof createActivities>>({
    taskQueue: activityTaskQueues().vodReads,
    startToCloseTimeout: '30 minutes',
    heartbeatTimeout: '2 minutes',
    retry: {
      initialInterval: '10s',
      backoffCoefficient: 2,
      maximumInterval: '5 minutes',
      maximumAttempts: 5,
    },
  });
  return sweepRecentVideos(input);
}
