import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client } from '@temporalio/client';
import type { SweepInput, SweepResult } from '../../activities/sweep-recent-videos';
import { sweepScheduleId, sweepWorkflowId } from '../../common/workflow-ids';
import type { sweepWorkflow } from '../../workflows/sweep';

export interface SweepScheduleOptions {
  region: string;
  taskQueue: string;
  intervalMs: number;
  windowMs: number;
  graceMs: number;
}

function sweepInput(options: SweepScheduleOptions): SweepInput {
  return { region: options.region, windowMs: options.windowMs, graceMs: options.graceMs };
}

/** Creates the region's sweep Schedule, or brings an existing one up to date with these options. */
export async function ensureSweepSchedule(
  client: Client,
  options: SweepScheduleOptions,
): Promise<'created' | 'updated'> {
  if (options.windowMs <= options.intervalMs) {
    throw new Error('the sweep window must be longer than its interval, or videos fall between sweeps');
  }
  const spec = { intervals: [{ every: options.intervalMs }] };
  const action = {
    type: 'startWorkflow' as const,
    workflowType: 'sweepWorkflow',
    workflowId: sweepWorkflowId(options.region),
    taskQueue: options.taskQueue,
    args: [sweepInput(options)],
  };
  try {
    await client.schedule.create({
      scheduleId: sweepScheduleId(options.region),
      spec,
      action,
      // A sweep still running when the next is due makes the next one pointless.
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: options.intervalMs },
    });
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
  await client.schedule
    .getHandle(sweepScheduleId(options.region))
    .update((previous) => ({ ...previous, spec, action }));
  return 'updated';
}

/** One sweep now, outside the Schedule; resolves with what it found. */
export async function sweepNow(client: Client, options: SweepScheduleOptions): Promise<SweepResult> {
  return client.workflow.execute<typeof sweepWorkflow>('sweepWorkflow', {
    workflowId: `${sweepWorkflowId(options.region)}:now-${Date.now()}`,
    taskQueue: options.taskQueue,
    args: [sweepInput(options)],
  });
}
