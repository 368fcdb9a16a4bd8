import type { PollerOptions } from '../common/poller-options';
import {
  addRunStats,
  emptyPollerRunStats,
  type ConsumerError,
  type ConsumerStats,
  type PollerRunResult,
} from './consumer-stats';

// What a consumer knows about itself beyond its settings, carried across continue-as-new. Written
// by one release and read by the next: every read goes through migrateConsumerSnapshot.
export const CONSUMER_SNAPSHOT_VERSION = 1;

export interface ConsumerSnapshot {
  version: typeof CONSUMER_SNAPSHOT_VERSION;
  stats: ConsumerStats;
  /** ISO time of the last receive that returned messages. */
  lastReceiveAt?: string;
  lastError?: ConsumerError;
  /** Poller runs in a row that ended on a refused credential or a missing queue. */
  setupErrorsInARow: number;
}

export type ConsumerStatus = 'polling' | 'waiting after a setup error' | 'stopping';

export interface ConsumerView extends Omit<ConsumerSnapshot, 'version'> {
  region: string;
  queue: string;
  shard: number;
  status: ConsumerStatus;
  settings: PollerOptions;
  /** While waiting after a setup error: when the next receive is due (ISO time). */
  nextAttemptAt?: string;
}

// After a refused credential or a missing queue, the consumer waits this long before it polls
// again, doubling up to the cap (sqs-consumer's authenticationErrorTimeout is a fixed 10 s).
const SETUP_BACKOFF_FIRST_MS = 10_000;
const SETUP_BACKOFF_MAX_MS = 60_000;

export function migrateConsumerSnapshot(stored: ConsumerSnapshot): ConsumerSnapshot {
  const version: number = stored.version;
  if (version === CONSUMER_SNAPSHOT_VERSION) return stored;
  // A newer release wrote it (a rollback): failing here keeps the state until that release is back.
  throw new Error(
    `consumer snapshot version ${version} is newer than this release reads (${CONSUMER_SNAPSHOT_VERSION})`,
  );
}

export class ConsumerState {
  private snapshotValue: ConsumerSnapshot;

  /** From the continue-as-new input: a snapshot, or (before snapshots existed) bare counters. */
  constructor(carried: { state?: ConsumerSnapshot; stats?: ConsumerStats }, startedAt: string) {
    this.snapshotValue = carried.state
      ? migrateConsumerSnapshot(carried.state)
      : {
          version: CONSUMER_SNAPSHOT_VERSION,
          stats: carried.stats ?? { pollerRuns: 0, startedAt, ...emptyPollerRunStats() },
          setupErrorsInARow: 0,
        };
  }

  get stats(): ConsumerStats {
    return this.snapshotValue.stats;
  }

  /** How long to wait before the next run: set only after runs that met a setup error. */
  get backoffMs(): number | undefined {
    const failures = this.snapshotValue.setupErrorsInARow;
    if (failures === 0) return undefined;
    return Math.min(SETUP_BACKOFF_MAX_MS, SETUP_BACKOFF_FIRST_MS * 2 ** Math.min(failures - 1, 10));
  }

  recordRun(result: Partial<PollerRunResult>, endedAt: string): void {
    const previous = this.snapshotValue;
    this.snapshotValue = {
      ...previous,
      stats: addRunStats(previous.stats, result, endedAt),
      lastReceiveAt: result.lastReceiveAt ?? previous.lastReceiveAt,
      lastError: result.setupError ?? previous.lastError,
      setupErrorsInARow: result.setupError ? previous.setupErrorsInARow + 1 : 0,
    };
  }

  snapshot(): ConsumerSnapshot {
    return this.snapshotValue;
  }

  view(
    identity: { region: string; queue: string; shard: number },
    settings: PollerOptions,
    status: ConsumerStatus,
    nextAttemptAt?: string,
  ): ConsumerView {
    const { version: _version, ...rest } = this.snapshotValue;
    return { ...identity, ...rest, status, settings, ...(nextAttemptAt ? { nextAttemptAt } : {}) };
  }
}
