import type { QueueRef, VodflowConfig } from '../common/config';
import { UsageError } from './errors';

/** The queues a command works on: --region and --queue together, else VODFLOW_QUEUES. */
export function queuesFrom(
  config: VodflowConfig,
  region: string | undefined,
  queue: string | undefined,
  options: { required: boolean } = { required: true },
): QueueRef[] {
  if ((region === undefined) !== (queue === undefined))
    throw new UsageError('give --region and --queue together');
  if (region && queue) return [{ region, queue }];
  if (config.queues.length === 0 && options.required)
    throw new UsageError('no queue: pass --region and --queue, or set VODFLOW_QUEUES');
  return config.queues;
}
