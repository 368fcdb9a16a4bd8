import { videoWorkflowId } from '../../common/workflow-ids';
import type { BenchStack } from './bench-stack';

export interface HistoryProfile {
  videos: number;
  /** Means per video workflow, over the sampled videos. */
  historyEvents: number;
  historyBytes: number;
  signals: number;
  workflowTasks: number;
  upserts: number;
}

// Where a video workflow's cost goes: history events, bytes, signals, workflow tasks and search
// attribute upserts per video, averaged over a few of the videos a scenario opened.
export async function profileHistories(
  stack: BenchStack,
  videoIds: string[],
  sample = 10,
): Promise<HistoryProfile> {
  const every = Math.max(1, Math.floor(videoIds.length / sample));
  const chosen = videoIds.filter((_, i) => i % every === 0).slice(0, sample);
  const totals = { historyEvents: 0, historyBytes: 0, signals: 0, workflowTasks: 0, upserts: 0 };
  for (const videoId of chosen) {
    const handle = stack.client.workflow.getHandle(videoWorkflowId(videoId));
    const [description, history] = await Promise.all([handle.describe(), handle.fetchHistory()]);
    const events = history.events ?? [];
    totals.historyEvents += description.historyLength;
    totals.historyBytes += description.historySize ?? 0;
    for (const event of events) {
      if (event.workflowExecutionSignaledEventAttributes) totals.signals += 1;
      if (event.workflowTaskCompletedEventAttributes) totals.workflowTasks += 1;
      if (event.upsertWorkflowSearchAttributesEventAttributes) totals.upserts += 1;
    }
  }
  const n = Math.max(1, chosen.length);
  const mean = (value: number, digits = 1): number => Math.round((value / n) * 10 ** digits) / 10 ** digits;
  return {
    videos: chosen.length,
    historyEvents: mean(totals.historyEvents),
    historyBytes: mean(totals.historyBytes, 0),
    signals: mean(totals.signals),
    workflowTasks: mean(totals.workflowTasks),
    upserts: mean(totals.upserts),
  };
}
