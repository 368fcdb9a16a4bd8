// One task queue for vodflow's workflows by default, and one per kind of activity work next to it,
// so that each kind can be scaled (and limited) on its own. Workflows derive the activity queues
// from their own task queue; pure, so workflow code imports it too.
export const DEFAULT_TASK_QUEUE = 'vodflow';

/** What a worker process does: run workflows, poll SMQ, read VOD, write to VOD. */
export const WORKER_ROLES = ['workflows', 'pollers', 'vod-reads', 'vod-writes'] as const;
export type WorkerRole = (typeof WORKER_ROLES)[number];

export interface PipelineTaskQueues {
  /** Video, consumer, quarantine and sweep workflows, and activities scheduled before the split. */
  workflows: string;
  /** The SMQ poller activities: long-running, one per consumer. */
  pollers: string;
  /** Reconciliation checks and sweeps (VOD queries), rate-limited by the server for every worker. */
  vodReads: string;
  /** Follow-up job submissions (VOD writes). */
  vodWrites: string;
}

export function pipelineTaskQueues(workflowTaskQueue: string): PipelineTaskQueues {
  return {
    workflows: workflowTaskQueue,
    pollers: `${workflowTaskQueue}-pollers`,
    vodReads: `${workflowTaskQueue}-vod-reads`,
    vodWrites: `${workflowTaskQueue}-vod-writes`,
  };
}
