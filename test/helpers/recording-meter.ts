import { noopMetricMeter, type MetricCounter, type MetricMeter, type MetricTags } from '@temporalio/common';

export interface CounterSample {
  name: string;
  value: number;
  tags: MetricTags;
}

// A MetricMeter that keeps every counter increment, for activity tests run outside a worker
// (histograms and gauges are dropped).
export function recordingMeter(): { meter: MetricMeter; samples: CounterSample[] } {
  const samples: CounterSample[] = [];
  const meter: MetricMeter = {
    createCounter(name, unit, description) {
      const counter = (baseTags: MetricTags): MetricCounter => ({
        name,
        unit,
        description,
        kind: 'counter',
        valueType: 'int',
        add: (value, extraTags = {}) => samples.push({ name, value, tags: { ...baseTags, ...extraTags } }),
        withTags: (tags) => counter({ ...baseTags, ...tags }),
      });
      return counter({});
    },
    createHistogram: (...args) => noopMetricMeter.createHistogram(...args),
    createGauge: (...args) => noopMetricMeter.createGauge(...args),
    withTags: () => meter,
  };
  return { meter, samples };
}
