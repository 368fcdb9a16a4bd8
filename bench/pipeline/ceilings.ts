import { WorkflowIdReusePolicy } from '@temporalio/common';
import { Limiter } from '../../activities/limiter';
import { videoWorkflowId } from '../../common/workflow-ids';
import { videoStateQuery, vodEventSignal, type VodEventSignalArgs } from '../../workflows/definitions';
import { CURRENT_PATCH_BASELINE } from '../../workflows/patch-baseline';
import type { videoWorkflow } from '../../workflows/video';
import { entityEventSignal, entityStageQuery, type EntityEvent } from '../entity/entity-definitions';
import type { entityWorkflow } from '../entity/entity-workflow';
import {
  BENCH_POLICY,
  BENCH_REGION,
  BENCH_TASK_QUEUE,
  ENTITY_TASK_QUEUE,
  type BenchStack,
} from './bench-stack';
import { bodiesFor, decodeOrThrow, throughput, withAppliedRate, type Throughput } from './load';

// The ceilings: a bare client doing signal-with-start at `concurrency`, no queue at all, for the
// same events (ten per video, in the order a video produces them) as the pipeline scenarios.

/** (a) The independent ceiling: the minimal entity workflow on its own worker. */
export async function entityCeiling(
  stack: BenchStack,
  count: number,
  concurrency: number,
): Promise<Throughput> {
  const applied = async (videoId: string) =>
    (await stack.client.workflow.getHandle(`entity:${videoId}`).query(entityStageQuery)).applied;
  return signalAll(count, concurrency, 'entity', applied, async (body, messageId) => {
    const { event, videoId } = decodeOrThrow(body);
    await stack.client.workflow.signalWithStart<typeof entityWorkflow, [EntityEvent]>('entityWorkflow', {
      workflowId: `entity:${videoId}`,
      taskQueue: ENTITY_TASK_QUEUE,
      args: [],
      signal: entityEventSignal,
      signalArgs: [{ messageId, event }],
    });
  });
}

/** (a′) vodflow's own video workflow fed the same way: what the workflow alone costs. */
export async function videoWorkflowCeiling(
  stack: BenchStack,
  count: number,
  concurrency: number,
): Promise<Throughput> {
  return signalAll(count, concurrency, 'video', videoEventsApplied(stack), async (body, messageId) => {
    const { event, videoId } = decodeOrThrow(body);
    await stack.client.workflow.signalWithStart<typeof videoWorkflow, [VodEventSignalArgs]>('videoWorkflow', {
      workflowId: videoWorkflowId(videoId),
      taskQueue: BENCH_TASK_QUEUE,
      args: [{ videoId, region: BENCH_REGION, policy: BENCH_POLICY, patchBaseline: CURRENT_PATCH_BASELINE }],
      signal: vodEventSignal,
      signalArgs: [{ event, meta: { source: 'queue', messageId } }],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
    });
  });
}

async function signalAll(
  count: number,
  concurrency: number,
  run: string,
  appliedOf: (videoId: string) => Promise<number>,
  signal: (body: string, messageId: string) => Promise<void>,
): Promise<Throughput> {
  const tag = `${run}-${Date.now()}`;
  const { bodies, videoIds } = bodiesFor(tag, count);
  const limiter = new Limiter(concurrency);
  const startedAt = Date.now();
  await Promise.all(bodies.map((body, i) => limiter.run(() => signal(body, `${tag}-${i}`))));
  return withAppliedRate(throughput(count, startedAt), startedAt, videoIds, appliedOf);
}

/** How many events a video workflow has taken in (applied, or recognised as a duplicate). */
export function videoEventsApplied(stack: BenchStack) {
  return async (videoId: string): Promise<number> => {
    const { counters } = await stack.client.workflow
      .getHandle<typeof videoWorkflow>(videoWorkflowId(videoId))
      .query(videoStateQuery);
    return counters.applied + counters.duplicates + counters.unknown;
  };
}
