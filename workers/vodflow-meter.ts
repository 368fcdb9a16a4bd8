import { MetricMeterWithComposedTags, type MetricCounter, type MetricMeter } from '@temporalio/common';
import type { InjectedSinks } from '@temporalio/worker';
import {
  VIDEO_COUNTERS,
  videoCounterSeries,
  type VideoCounter,
  type VodflowMetricSinks,
} from '../workflows/video-metrics';

// vodflow's own metrics with Prometheus' snake_case labels. The SDK's context meters tag custom
// metrics with camelCase keys (taskQueue, activityType, workflowType) next to its own snake_case
// ones; vodflow's metrics go to the runtime's meter instead, tagged with namespace and task_queue
// (and workflow_type for the video workflow's counters, which come through a sink).

export function vodflowMeter(
  runtimeMeter: MetricMeter,
  tags: { namespace: string; taskQueue: string },
): MetricMeter {
  return MetricMeterWithComposedTags.compose(runtimeMeter, {
    namespace: tags.namespace,
    task_queue: tags.taskQueue,
  });
}

/** The worker's side of the video workflow's `vodflowMetrics` sink. */
export function vodflowMetricSinks(meter: MetricMeter): InjectedSinks<VodflowMetricSinks> {
  const counters = new Map<VideoCounter, MetricCounter>();
  const counterOf = (which: VideoCounter): MetricCounter => {
    let made = counters.get(which);
    if (!made) {
      made = meter.createCounter(VIDEO_COUNTERS[which].name, undefined, VIDEO_COUNTERS[which].description);
      counters.set(which, made);
    }
    return made;
  };
  return {
    vodflowMetrics: {
      count: {
        fn: (info, which, tags) => counterOf(which).add(1, { ...tags, workflow_type: info.workflowType }),
        callDuringReplay: false,
      },
    },
  };
}

/** Every series of the video workflow's counters at 0, before any video moves. */
export function zeroVideoCounters(meter: MetricMeter): void {
  for (const { counter, tags } of videoCounterSeries()) {
    const { name, description } = VIDEO_COUNTERS[counter];
    meter.createCounter(name, undefined, description).add(0, { ...tags, workflow_type: 'videoWorkflow' });
  }
}
