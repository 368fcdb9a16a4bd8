import {
  QueryNotRegisteredError,
  WorkflowExecutionAlreadyStartedError,
  type Client,
} from '@temporalio/client';
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
  /** How long a running consumer may take to accept new settings (a worker must run it); default 20 s. */
  updateWaitMs?: number;
}

/**
 * `started`: it was not running; `updated`: it was, with other settings, which it now uses;
 * `unchanged`: it was, with these settings; `stopped`: a shard beyond `shards`, told to stop;
 * `outdated`: a consumer of an older release, which takes no new settings until it is restarted;
 * `unanswered`: no worker answered for it in time (none running?): run it again later.
 */
export type ConsumerOutcome = 'started' | 'updated' | 'unchanged' | 'stopped' | 'outdated' | 'unanswered';

export interface StartedConsumer {
  workflowId: string;
  outcome: ConsumerOutcome;
}

const DEFAULT_UPDATE_WAIT_MS = 20_000;
// gRPC's status code for a call that ran out of time.
const GRPC_DEADLINE_EXCEEDED = 4;
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
        const waitMs = input.updateWaitMs ?? DEFAULT_UPDATE_WAIT_MS;
        results.push({ workflowId, outcome: await reconfigure(client, workflowId, input.poller, waitMs) });
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
  waitMs: number,
): Promise<ConsumerOutcome> {
  const handle = client.workflow.getHandle<typeof smqConsumerWorkflow>(workflowId);
  // The query and the update both need a worker to answer: neither may wait longer than waitMs.
  const deadline = Date.now() + waitMs;
  let current: PollerOptions;
  try {
    current = (await client.withDeadline(deadline, () => handle.query(consumerStateQuery))).settings;
  } catch (err) {
    // No worker, or none that has run it yet: its state cannot be read now.
    return err instanceof QueryNotRegisteredError ? 'outdated' : 'unanswered';
  }
  if (sameSettings(current, poller)) return 'unchanged';
  try {
    await client.withDeadline(deadline, () =>
      handle.executeUpdate(configureConsumerUpdate, { args: [poller] }),
    );
  } catch (err) {
    if (isDeadlineExceeded(err)) return 'unanswered';
    throw err;
  }
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

function isDeadlineExceeded(err: unknown): boolean {
  for (let cause = err; cause instanceof Error; cause = cause.cause) {
    if ((cause as { code?: unknown }).code === GRPC_DEADLINE_EXCEEDED) return true;
  }
  return false;
}
