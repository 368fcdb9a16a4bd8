import type { MetricMeter } from '@temporalio/common';

// The poller's own metrics, exported with the Temporal SDK's (Prometheus, when the worker enables it).
export function pollerMetrics(meter: MetricMeter, tags: { region: string; queue: string }) {
  const counter = (name: string, description: string) => {
    const metric = meter.createCounter(name, undefined, description);
    return (value = 1) => metric.add(value, tags);
  };
  const countedBy = (name: string, label: string, description: string) => {
    const metric = meter.createCounter(name, undefined, description);
    return (labelValue: string, value = 1) => metric.add(value, { ...tags, [label]: labelValue });
  };
  const histogram = (name: string, unit: string, description: string) => {
    const metric = meter.createHistogram(name, 'int', unit, description);
    return (value: number) => metric.record(Math.max(0, Math.round(value)), tags);
  };
  return {
    received: counter('vodflow_messages_received', 'SMQ messages received by pollers'),
    deleted: counter('vodflow_messages_deleted', 'SMQ messages deleted after their signal was recorded'),
    quarantined: counter('vodflow_messages_quarantined', 'poison messages set aside in quarantine'),
    signalFailures: counter('vodflow_signal_failures', 'messages whose signal failed (left in the queue)'),
    deleteFailures: counter('vodflow_delete_failures', 'deletes refused or failed (the message comes back)'),
    receiveFailures: countedBy(
      'vodflow_smq_receive_failures_total',
      'code',
      'failed SMQ receives, by error code in snake_case',
    ),
    released: counter(
      'vodflow_smq_messages_released_total',
      'messages made visible again at once because their signal failed',
    ),
    batchSize: histogram('vodflow_batch_size', 'messages', 'messages per received batch'),
    signalLatency: histogram('vodflow_signal_latency', 'ms', 'signal-with-start round trip'),
    queueLag: histogram('vodflow_queue_lag', 'ms', 'from SMQ enqueue to the signal being recorded'),
  };
}
