import type { HookFiring } from '../common/hooks/match-hooks';

// What a video's hooks did: one run per (hook, occurrence), kept in the video's snapshot so that a
// hook fires once across duplicates, reorderings, retries and continue-as-new. Plain data and a
// plain class: the workflow wires it to activities and child workflows.

export type HookRunStatus = 'pending' | 'running' | 'done' | 'failed';

export interface HookRun {
  hook: string;
  occurrence: string;
  kind: 'workflow' | 'webhook' | 'smq';
  status: HookRunStatus;
  firedAt: string;
  finishedAt?: string;
  /** What it did: the workflow id started, the HTTP status, the SMQ message id. */
  detail?: string;
  error?: string;
  /** Runs granted by `vodflow hooks retry`. */
  manualRetries: number;
  /** Kept until the run succeeds: a retry needs what the first run had. */
  firing?: HookFiring;
}

export interface HookMomentMemory {
  stage?: string;
  status?: string;
  stageCounts: Record<string, number>;
  statusCounts: Record<string, number>;
}

export interface HookRecords {
  runs: HookRun[];
  seen: HookMomentMemory;
}

export function emptyHookRecords(): HookRecords {
  return { runs: [], seen: { stageCounts: {}, statusCounts: {} } };
}

// Finished runs beyond this many are forgotten oldest first; their occurrences cannot come back
// (stage and status entries are counted, events are deduplicated before they get here).
const MAX_DONE_RUNS = 200;

export class HookLedger {
  constructor(private readonly records: HookRecords) {}

  /**
   * What changed since the last look: the stage or status entered (the n-th time). Remembers it, so
   * that the same entry is reported once.
   */
  entered(
    stage: string,
    status: string,
  ): { stageEntered?: { stage: string; count: number }; statusEntered?: { status: string; count: number } } {
    const seen = this.records.seen;
    const result: ReturnType<HookLedger['entered']> = {};
    if (seen.stage !== stage) {
      seen.stage = stage;
      const count = (seen.stageCounts[stage] ?? 0) + 1;
      seen.stageCounts[stage] = count;
      result.stageEntered = { stage, count };
    }
    if (seen.status !== status) {
      seen.status = status;
      const count = (seen.statusCounts[status] ?? 0) + 1;
      seen.statusCounts[status] = count;
      result.statusEntered = { status, count };
    }
    return result;
  }

  /** Records a firing as pending; false when this (hook, occurrence) fired before. */
  accept(firing: HookFiring, now: string): boolean {
    if (this.find(firing.hook, firing.occurrence)) return false;
    this.records.runs.push({
      hook: firing.hook,
      occurrence: firing.occurrence,
      kind: kindOf(firing),
      status: 'pending',
      firedAt: now,
      manualRetries: 0,
      firing,
    });
    return true;
  }

  pending(): HookRun[] {
    return this.records.runs.filter((run) => run.status === 'pending');
  }

  markRunning(run: HookRun): void {
    run.status = 'running';
  }

  finish(run: HookRun, outcome: { detail?: string } | { error: string }, now: string): void {
    run.finishedAt = now;
    if ('error' in outcome) {
      run.status = 'failed';
      run.error = outcome.error;
      return;
    }
    run.status = 'done';
    run.detail = outcome.detail;
    run.error = undefined;
    run.firing = undefined;
    this.forgetOldDone();
  }

  hasFailed(): boolean {
    return this.records.runs.some((run) => run.status === 'failed');
  }

  /** Why `hooks retry` cannot run, or undefined when it can. */
  retryRefusal(hook: string, occurrence?: string): string | undefined {
    const failed = this.failedOf(hook, occurrence);
    if (failed.length > 0) return undefined;
    const known = this.records.runs.some((run) => run.hook === hook);
    return known
      ? `hook ${hook} has no failed run${occurrence ? ` for ${occurrence}` : ''}`
      : `hook ${hook} never fired for this video`;
  }

  /** Puts the failed runs of a hook (or one occurrence) back to pending; returns them. */
  retry(hook: string, occurrence?: string): HookRun[] {
    const failed = this.failedOf(hook, occurrence);
    for (const run of failed) {
      run.status = 'pending';
      run.manualRetries += 1;
    }
    return failed;
  }

  private failedOf(hook: string, occurrence?: string): HookRun[] {
    return this.records.runs.filter(
      (run) =>
        run.hook === hook &&
        run.status === 'failed' &&
        (occurrence === undefined || run.occurrence === occurrence),
    );
  }

  private find(hook: string, occurrence: string): HookRun | undefined {
    return this.records.runs.find((run) => run.hook === hook && run.occurrence === occurrence);
  }

  private forgetOldDone(): void {
    const done = this.records.runs.filter((run) => run.status === 'done');
    const extra = done.length - MAX_DONE_RUNS;
    if (extra <= 0) return;
    const forget = new Set(done.slice(0, extra));
    this.records.runs = this.records.runs.filter((run) => !forget.has(run));
  }
}

function kindOf(firing: HookFiring): HookRun['kind'] {
  if ('workflow' in firing.action) return 'workflow';
  if ('webhook' in firing.action) return 'webhook';
  return 'smq';
}
