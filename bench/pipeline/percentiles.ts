/** The p-th percentile (0–100) of a sample, nearest-rank; NaN for an empty sample. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1];
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number[];
}

/** Median and range of repeated measurements (the true median for an even count). */
export function spreadOf(values: readonly number[], digits = 1): Spread {
  const round = (value: number): number => Math.round(value * 10 ** digits) / 10 ** digits;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length === 0
      ? NaN
      : sorted.length % 2 === 1
        ? sorted[middle]
        : (sorted[middle - 1] + sorted[middle]) / 2;
  return {
    median: round(median),
    min: round(sorted[0] ?? NaN),
    max: round(sorted[sorted.length - 1] ?? NaN),
    runs: values.map(round),
  };
}
