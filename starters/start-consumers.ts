import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { QueueRef } from '../common/config';
import type { PollerOptions } from '../common/poller-options';
import { consumerWorkflowId } from '../common/workflow-ids';
import type { smqConsumerWorkflow } from '../workflows/consumer';

export interface StartConsumersInput {
  queues: QueueRef[];
  shards: number;
  taskQueue: string;
  poller: PollerOptions;
  /** Poller runs per consumer workflow run before continue-as-new (default in the workflow). */
  runsPerWorkflowRun?: number;
}

export interface StartedConsumer {
  workflowId: string;
  started: boolean;
}

// Starts one consumer workflow per (region, queue, shard). Idempotent: a consumer that is already
// running is left as it is (its id is the lock that keeps two pollers of one shard from existing).
export async function startConsumers(client: Client, input: StartConsumersInput): Promise<StartedConsumer[]> {
  const results: StartedConsumer[] = [];
  for (const { region, queue } of input.queues) {
    for (let shard = 0; shard < input.shards; shard++) {
      const workflowId = consumerWorkflowId({ region, queue, shard });
      try {
        await client.workflow.start<typeof smqConsumerWorkflow>('smqConsumerWorkflow', {
          workflowId,
          taskQueue: input.taskQueue,
          args: [
            { region, queue, shard, poller: input.poller, runsPerWorkflowRun: input.runsPerWorkflowRun },
          ],
        });
        results.push({ workflowId, started: true });
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        results.push({ workflowId, started: false });
      }
    }
  }
  return results;
}
