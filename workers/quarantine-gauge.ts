import type { Client } from '@temporalio/client';
import type { MetricMeter } from '@temporalio/common';
import type { JsonLog } from './log';

/**
 * Keeps `vodflow_quarantine_size` at the number of quarantined messages of this deployment (its
 * task queue) waiting for a decision, counted in Temporal's visibility: every worker of the
 * deployment reports the same figure (alert on max, not sum). Returns the stop.
 */
export function watchQuarantineSize(
  client: Client,
  taskQueue: string,
  meter: MetricMeter,
  log: JsonLog,
  everyMs = 30_000,
): () => void {
  const waiting =
    `WorkflowType = "quarantinedMessageWorkflow" AND ExecutionStatus = "Running" ` +
    `AND TaskQueue = "${taskQueue}"`;
  const gauge = meter.createGauge(
    'vodflow_quarantine_size',
    'int',
    '',
    'quarantined messages waiting for a decision (redrive or discard)',
  );
  gauge.set(0);
  const measure = async (): Promise<void> => {
    try {
      gauge.set((await client.workflow.count(waiting)).count);
    } catch (err) {
      log.warn('could not count the quarantine', { error: err instanceof Error ? err.message : String(err) });
    }
  };
  void measure();
  const timer = setInterval(() => void measure(), everyMs);
  return () => clearInterval(timer);
}
