import { recheckDelayMs, type Milestone, type ReconcilePolicy } from '../common/reconcile-policy';

// Deadlines for what a video awaits, and what each reconciliation check found. Pure and plain JSON
// (the records live in the video's snapshot), so the schedule survives continue-as-new and revival.

/** A milestone the video is waiting for right now, as VideoState derives it. */
export interface AwaitedMilestone {
  milestone: Milestone;
  /** vodflow's attempt of a follow-up stage; 0 for the upload and for jobs VOD started by itself. */
  attempt: number;
  /** The job to look up, when the submission returned one. */
  jobId?: string;
  /** When the wait began (ISO): the first check is due `firstCheckDelayMs` after it. */
  since: string;
  firstCheckDelayMs: number;
}

/** What one check learned from VOD. */
export type CheckOutcome =
  /** VOD reported the result; its events were applied (or the milestone came in meanwhile). */
  | 'settled'
  /** VOD says the work is still going on. */
  | 'running'
  /** VOD knows nothing of the awaited job. */
  | 'unknown'
  /** VOD says the video does not exist. */
  | 'missing'
  /** The check itself failed (e.g. a permission error); it is repeated later. */
  | 'error';

export interface WatchRecord {
  milestone: Milestone;
  attempt: number;
  checks: number;
  /** Checks in a row answered `unknown` or `missing`. */
  unknownInARow: number;
  nextCheckAt: string;
  lastCheckedAt?: string;
  lastOutcome?: CheckOutcome;
  detail?: string;
  /** No more checks: vodflow gave up on this wait. */
  gaveUp?: boolean;
}

/** When a wait is next checked (ISO 8601). */
export interface UpcomingCheck {
  milestone: Milestone;
  attempt: number;
  at: string;
}

export type GiveUp = { reason: 'unknown' | 'missing' | 'too-long'; checks: number };

export interface CheckPlan {
  due: AwaitedMilestone[];
  /** The earliest later check, ms since the epoch. */
  nextAt?: number;
}

const sameWait = (
  a: { milestone: Milestone; attempt: number },
  b: { milestone: Milestone; attempt: number },
) => a.milestone === b.milestone && a.attempt === b.attempt;

export class MilestoneWatch {
  constructor(private readonly records: WatchRecord[]) {}

  /**
   * Which checks are due at `now`; forgets records of waits that are over. With a jitter, each first
   * check comes up to `fraction` of its delay later, by an amount fixed by `seed` (the video id) and
   * the wait, so that videos uploaded together are not checked together.
   */
  plan(
    awaited: readonly AwaitedMilestone[],
    now: number,
    jitter?: { seed: string; fraction: number },
  ): CheckPlan {
    for (let i = this.records.length - 1; i >= 0; i--) {
      if (!awaited.some((wait) => sameWait(wait, this.records[i]))) this.records.splice(i, 1);
    }
    const due: AwaitedMilestone[] = [];
    let nextAt: number | undefined;
    for (const wait of awaited) {
      const record = this.find(wait);
      if (record?.gaveUp) continue;
      const firstDelay = jitter
        ? Math.round(
            wait.firstCheckDelayMs *
              (1 + jitter.fraction * stableFraction(`${jitter.seed}:${wait.milestone}:${wait.attempt}`)),
          )
        : wait.firstCheckDelayMs;
      const at = record ? Date.parse(record.nextCheckAt) : Date.parse(wait.since) + firstDelay;
      if (at <= now) due.push(wait);
      else nextAt = Math.min(nextAt ?? Infinity, at);
    }
    return { due, nextAt };
  }

  /** When each wait is checked next, forgetting nothing (the state query reads it). */
  upcoming(awaited: readonly AwaitedMilestone[]): UpcomingCheck[] {
    return awaited.flatMap((wait) => {
      const record = this.find(wait);
      if (record?.gaveUp) return [];
      const at =
        record?.nextCheckAt ?? new Date(Date.parse(wait.since) + wait.firstCheckDelayMs).toISOString();
      return [{ milestone: wait.milestone, attempt: wait.attempt, at }];
    });
  }

  /**
   * Records a check. `jitter` in [0, 1) spreads rechecks of many videos apart (the workflow passes
   * its deterministic random). Returns why vodflow gives up on the wait, if it does.
   */
  record(
    wait: AwaitedMilestone,
    outcome: CheckOutcome,
    detail: string | undefined,
    now: number,
    policy: ReconcilePolicy,
    jitter: number,
  ): GiveUp | undefined {
    let record = this.find(wait);
    if (!record) {
      record = {
        milestone: wait.milestone,
        attempt: wait.attempt,
        checks: 0,
        unknownInARow: 0,
        nextCheckAt: new Date(now).toISOString(),
      };
      this.records.push(record);
    }
    record.checks += 1;
    record.lastCheckedAt = new Date(now).toISOString();
    record.lastOutcome = outcome;
    record.detail = detail;
    if (outcome === 'unknown' || outcome === 'missing') record.unknownInARow += 1;
    else if (outcome !== 'error') record.unknownInARow = 0;
    const delay = recheckDelayMs(policy, record.checks) * (1 + 0.2 * jitter);
    record.nextCheckAt = new Date(now + Math.round(delay)).toISOString();
    if (outcome === 'settled') return undefined;

    let giveUp: GiveUp | undefined;
    if (record.unknownInARow >= policy.maxUnknownChecks) {
      giveUp = { reason: outcome === 'missing' ? 'missing' : 'unknown', checks: record.checks };
    } else if (now - Date.parse(wait.since) >= policy.giveUpMs) {
      giveUp = { reason: 'too-long', checks: record.checks };
    }
    if (giveUp) record.gaveUp = true;
    return giveUp;
  }

  private find(wait: { milestone: Milestone; attempt: number }): WatchRecord | undefined {
    return this.records.find((record) => sameWait(record, wait));
  }
}

/** A number in [0, 1) that depends only on `text` (FNV-1a): the same on every replay and run. */
export function stableFraction(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash / 2 ** 32;
}
