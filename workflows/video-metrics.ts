import type { Sinks } from '@temporalio/workflow';
import { FOLLOW_UP_STAGES } from '../common/pipeline-policy';
import { MILESTONES } from '../common/reconcile-policy';
import type { CheckOutcome } from './milestone-watch';
import { VIDEO_STAGES } from './video-state';

// The video workflow's metrics, named once: the workflow counts through the `vodflowMetrics` sink
// (the worker records with snake_case labels, which the SDK's workflow meter cannot: it adds
// camelCase taskQueue and workflowType), and the worker writes each series at 0 when it starts, so
// that dashboards and alerts see every stage from the start.

export const VIDEO_COUNTERS = {
  stageTransitions: { name: 'vodflow_stage_transitions', description: 'videos entering a stage' },
  followUps: { name: 'vodflow_follow_ups', description: 'follow-up submissions by outcome' },
  // The real callback-loss rate: milestones whose event never came and that VOD's API supplied.
  reconciled: {
    name: 'vodflow_reconciled_events',
    description: 'milestones recovered from the VOD API after their event was lost, by stage',
  },
  reconcileChecks: {
    name: 'vodflow_reconcile_checks',
    description: 'reconciliation checks by stage and what VOD answered',
  },
  // A mis-wired callback: another application's videos reaching this deployment's queue.
  foreignVideos: {
    name: 'vodflow_foreign_videos',
    description:
      "videos of another VOD application, delivered through that application's callback to this deployment's queue",
  },
  hookRuns: { name: 'vodflow_hook_runs', description: "runs of the user's hooks by hook and outcome" },
} as const;

export type VideoCounter = keyof typeof VIDEO_COUNTERS;

export interface VodflowMetricSinks extends Sinks {
  vodflowMetrics: {
    /** One more of `counter` with these labels; never called during replay. */
    count(counter: VideoCounter, tags: Record<string, string>): void;
  };
}

const CHECK_OUTCOMES: readonly CheckOutcome[] = ['settled', 'running', 'unknown', 'missing', 'error'];

/**
 * Every label set each counter is written with at start. Foreign videos and hook runs have labels
 * known only later (an application id, a hook of the file): their series begin with their first run.
 */
export function videoCounterSeries(): { counter: VideoCounter; tags: Record<string, string> }[] {
  return [
    ...VIDEO_STAGES.map((stage) => ({ counter: 'stageTransitions' as const, tags: { stage } })),
    ...FOLLOW_UP_STAGES.flatMap((stage) =>
      ['submitted', 'failed'].map((outcome) => ({ counter: 'followUps' as const, tags: { stage, outcome } })),
    ),
    ...[...MILESTONES, 'delete'].map((stage) => ({ counter: 'reconciled' as const, tags: { stage } })),
    ...MILESTONES.flatMap((stage) =>
      CHECK_OUTCOMES.map((outcome) => ({ counter: 'reconcileChecks' as const, tags: { stage, outcome } })),
    ),
  ];
}
