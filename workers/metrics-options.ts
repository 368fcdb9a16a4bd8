// How the worker's /metrics follows Prometheus conventions: counters end in _total, names carry
// their unit, durations are in seconds, and each histogram has buckets that fit what it measures.
export const PROMETHEUS_OPTIONS = {
  countersTotalSuffix: true,
  unitSuffix: true,
  useSecondsForDurations: true,
  histogramBucketOverrides: {
    // At most 16 messages per receive.
    vodflow_batch_size: [1, 2, 4, 8, 12, 16],
    // A round trip to Temporal: milliseconds to a few seconds.
    vodflow_signal_latency: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    // From enqueue to recorded: seconds when keeping up, hours in a backlog.
    vodflow_queue_lag: [0.1, 0.5, 1, 5, 15, 30, 60, 300, 900, 1800, 3600, 7200, 21600, 86400],
  },
};
