import type { MetricMeter } from '@temporalio/common';

// The poller's own metrics, exported with the Temporal SDK's (Prometheus, when the worker enables
// it; workers/metrics-options.ts adds the _total and unit suffixes and the histograms' buckets).
// Every counter is written once at 0 when the poller starts, so that its series exist before the
// first event and rate() and alerts see the queue from the start.
export function pollerMetrics(meter: MetricMeter, tags: { region: string; queue: string }) {
  const counter = (name: string, description: string) => {
    const metric = meter.createCounter(name, undefined, description);
    metric.add(0, tags);
    return (value = 1) => metric.add(value, tags);
  };
  const countedBy = (name: string, label: string, description: string) => {
    const metric = meter.createCounter(name, undefined, description);
    return (labelValue: string, value = 1) => metric.add(value, { ...tags, [label]: labelValue });
  };
  const histogram = (name: string, unit: string, description: string) => {
    const metric = meter.createHistogram(name, 'float', unit, description);
    return (value: number) => metric.record(Math.max(0, value), tags);
  };
  const seconds = (record: (value: number) => void) => (ms: number) => record(ms / 1000);
  return {
    received: counter('vodflow_messages_received', 'SMQ messages received by pollers'),
    deleted: counter('vodflow_messages_deleted', 'SMQ messages deleted after their signal was recorded'),
    quarantined: counter('vodflow_messages_quarantined', 'poison messages set aside in quarantine'),
    signalFailures: counter('vodflow_signal_failures', 'messages whose signal failed (left in the queue)'),
    deleteFailures: counter('vodflow_delete_failures', 'deletes refused or failed (the message comes back)'),
    receiveFailures: countedBy(
      'vodflow_smq_receive_failures',
      'code',
      'failed SMQ receives, by error code in snake_case',
    ),
    released: counter(
      'vodflow_smq_messages_released',
      'messages made visible again at once because their signal failed',
    ),
    batchSize: histogram('vodflow_batch_size', '', 'messages per received batch (at most 16)'),
    /** Milliseconds in, seconds out. */
    signalLatency: seconds(histogram('vodflow_signal_latency', 'seconds', 'signal-with-start round trip')),
    /** Milliseconds in, seconds out. */
    queueLag: seconds(
      histogram('vodflow_queue_lag', 'seconds', 'from SMQ enqueue to the signal being recorded'),
    ),
  };
}
