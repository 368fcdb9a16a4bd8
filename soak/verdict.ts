import type { LedgerCounts } from '../emulators/vod/delivery/event-ledger';
import type { JobCounts } from '../emulators/vod/engine/vod-engine';

// Checks each video of a soak against VOD's ledger: what VOD emitted and wrote, what vodflow
// applied (its event log), and which jobs vodflow submitted.

/** The part of a video's state the soak reads (the `state` query's view). */
export interface ObservedVideo {
  stage: string;
  log: readonly { eventType: string; result: string; source: string }[];
}

export interface VideoEvidence {
  videoId: string;
  /** Undefined when no workflow answers for the video. */
  view?: ObservedVideo;
  ledger: LedgerCounts;
  jobs: JobCounts;
}

export interface VideoVerdict {
  videoId: string;
  events: number;
  /** Events VOD gave up on (never in the queue). */
  droppedByVod: number;
  /** Of those, how many vodflow rebuilt from VOD's API. */
  recovered: number;
  /** Events that reached the queue and left no trace in the video's log. */
  lost: number;
  /** Applications beyond what VOD emitted. */
  appliedTwice: number;
  duplicateSubmissions: number;
  stuck: boolean;
}

/** Stages the soak's pipeline submits once each (no job fails in a soak). */
export const SUBMITTED_STAGES: readonly (keyof JobCounts)[] = ['transcode', 'snapshot', 'aiAudit'];

function countLog(
  view: ObservedVideo | undefined,
  eventType: string,
  results: readonly string[],
  source?: string,
): number {
  return (view?.log ?? []).filter(
    (entry) =>
      entry.eventType === eventType &&
      results.includes(entry.result) &&
      (source === undefined || entry.source === source),
  ).length;
}

export function judgeVideo(evidence: VideoEvidence, finalStage = 'ready'): VideoVerdict {
  const { view, ledger, jobs } = evidence;
  const verdict: VideoVerdict = {
    videoId: evidence.videoId,
    events: 0,
    droppedByVod: 0,
    recovered: 0,
    lost: 0,
    appliedTwice: 0,
    duplicateSubmissions: 0,
    stuck: view?.stage !== finalStage,
  };
  for (const [eventType, emitted] of Object.entries(ledger.emitted)) {
    const written = ledger.written[eventType] ?? 0;
    const taken = countLog(view, eventType, ['applied', 'unknown']);
    // A late copy of a milestone that reconciliation had already applied is logged as a duplicate.
    const seen = taken + countLog(view, eventType, ['duplicate']);
    const dropped = Math.max(0, emitted - written);
    verdict.events += emitted;
    verdict.droppedByVod += dropped;
    verdict.recovered += Math.min(dropped, countLog(view, eventType, ['applied'], 'reconcile'));
    verdict.lost += Math.max(0, written - seen);
    verdict.appliedTwice += Math.max(0, taken - emitted);
  }
  for (const stage of SUBMITTED_STAGES) verdict.duplicateSubmissions += Math.max(0, jobs[stage] - 1);
  return verdict;
}

export interface CohortSummary {
  faultClass: string;
  videos: number;
  events: number;
  droppedByVod: number;
  recovered: number;
  lost: number;
  appliedTwice: number;
  duplicateSubmissions: number;
  stuck: number;
  /** From the end of the phase's faults until its last video was done; undefined if some never were. */
  convergeMs?: number;
}

export function summarise(
  faultClass: string,
  verdicts: readonly VideoVerdict[],
  convergeMs?: number,
): CohortSummary {
  const sum = (pick: (v: VideoVerdict) => number): number =>
    verdicts.reduce((total, v) => total + pick(v), 0);
  return {
    faultClass,
    videos: verdicts.length,
    events: sum((v) => v.events),
    droppedByVod: sum((v) => v.droppedByVod),
    recovered: sum((v) => v.recovered),
    lost: sum((v) => v.lost),
    appliedTwice: sum((v) => v.appliedTwice),
    duplicateSubmissions: sum((v) => v.duplicateSubmissions),
    stuck: sum((v) => (v.stuck ? 1 : 0)),
    convergeMs,
  };
}

/** A soak passes when nothing was lost, applied twice, submitted twice or left stuck. */
export function passed(summary: CohortSummary): boolean {
  return (
    summary.lost === 0 &&
    summary.appliedTwice === 0 &&
    summary.duplicateSubmissions === 0 &&
    summary.stuck === 0
  );
}
