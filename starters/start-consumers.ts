import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client';
import type { QueueRef } from '../common/config';
import type { PollerOptions } from '../common/poller-options';
import { consumerFromWorkflowId, consumerWorkflowId } from '../common/workflow-ids';
import type { smqConsumerWorkflow } from '../workflows/consumer';
import { configureConsumerUpdate, consumerStateQuery, stopConsumerSignal } from '../workflows/definitions';

export interface StartConsumersInput {
  queues: QueueRef[];
  shards: number;
  taskQueue: string;
  poller: PollerOptions;
  /** Poller runs per consumer workflow run before continue-as-new (default in the workflow). */
  runsPerWorkflowRun?: number;
}

/**
 * `started`: it was not running; `updated`: it was, with other settings, which it now uses;
 * `unchanged`: it was, with these settings; `stopped`: a shard beyond `shards`, told to stop;
 * `outdated`: a consumer of an older release, which takes no new settings until it is restarted.
 */
export type ConsumerOutcome = 'started' | 'updated' | 'unchanged' | 'stopped' | 'outdated';

export interface StartedConsumer {
  workflowId: string;
  outcome: ConsumerOutcome;
}

const RUNNING_CONSUMERS = `WorkflowType = 'smqConsumerWorkflow' AND ExecutionStatus = 'Running'`;

// Brings the consumers of each queue to what the configuration says: one workflow per shard, started
// when missing, given the new settings when running with others (its poller finishes the messages it
// holds and starts again with them), and shards beyond `shards` stopped after they drain. Running it
// twice with the same configuration changes nothing. The workflow id is the lock that keeps two
// pollers of one shard from existing.
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
        results.push({ workflowId, outcome: 'started' });
      } catch (err) {
        if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
        results.push({ workflowId, outcome: await reconfigure(client, workflowId, input.poller) });
      }
    }
  }
  results.push(...(await stopSurplusShards(client, input.queues, input.shards)));
  return results;
}

async function reconfigure(
  client: Client,
  workflowId: string,
  poller: PollerOptions,
): Promise<ConsumerOutcome> {
  const handle = client.workflow.getHandle<typeof smqConsumerWorkflow>(workflowId);
  let current: PollerOptions;
  try {
    current = (await handle.query(consumerStateQuery)).settings;
  } catch {
    return 'outdated';
  }
  if (sameSettings(current, poller)) return 'unchanged';
  await handle.executeUpdate(configureConsumerUpdate, { args: [poller] });
  return 'updated';
}

function sameSettings(a: PollerOptions, b: PollerOptions): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof PollerOptions)[]);
  return [...keys].every((key) => a[key] === b[key]);
}

async function stopSurplusShards(
  client: Client,
  queues: QueueRef[],
  shards: number,
): Promise<StartedConsumer[]> {
  const configured = new Set(queues.map(({ region, queue }) => `${region}/${queue}`));
  const stopped: StartedConsumer[] = [];
  for await (const execution of client.workflow.list({ query: RUNNING_CONSUMERS })) {
    const ref = consumerFromWorkflowId(execution.workflowId);
    if (!ref || ref.shard < shards || !configured.has(`${ref.region}/${ref.queue}`)) continue;
    await client.workflow.getHandle(execution.workflowId).signal(stopConsumerSignal);
    stopped.push({ workflowId: execution.workflowId, outcome: 'stopped' });
  }
  return stopped;
}
