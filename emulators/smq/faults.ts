import { SeededRandom } from '../common/seeded-random';

// Fault injection, off by default. Every decision comes from one seeded generator, so a run with
// the same seed and the same request sequence sees the same faults.
export interface SmqFaults {
  latencyMs: number;
  jitterMs: number;
  /** Chance that a request is answered with an error before it takes effect. */
  errorRate: number;
  /** Which error the errorRate answers with; 'mixed' alternates at random. */
  errorKind: 'InternalError' | 'ServiceUnavailable' | 'mixed';
  /** Chance that the connection is destroyed after the request took effect (the answer is lost). */
  dropRate: number;
  /** Chance per received message that it is also delivered to the next receiver. */
  duplicateRate: number;
  /** Chance that a received batch comes back in shuffled order. */
  reorderRate: number;
  /** Operation names or groups (send, receive, delete, peek, visibility, queue) faults apply to; empty = all. */
  operations: string[];
}

export const NO_FAULTS: SmqFaults = {
  latencyMs: 0,
  jitterMs: 0,
  errorRate: 0,
  errorKind: 'InternalError',
  dropRate: 0,
  duplicateRate: 0,
  reorderRate: 0,
  operations: [],
};

const OPERATION_GROUPS: Record<string, string> = {
  SendMessage: 'send',
  BatchSendMessage: 'send',
  ReceiveMessage: 'receive',
  BatchReceiveMessage: 'receive',
  PeekMessage: 'peek',
  BatchPeekMessage: 'peek',
  DeleteMessage: 'delete',
  BatchDeleteMessage: 'delete',
  ChangeMessageVisibility: 'visibility',
  CreateQueue: 'queue',
  DeleteQueue: 'queue',
  ListQueue: 'queue',
  GetQueueAttributes: 'queue',
  SetQueueAttributes: 'queue',
};

export function mergeFaults(base: SmqFaults, change: Partial<SmqFaults>): SmqFaults {
  const merged = { ...base, ...change };
  for (const rate of ['errorRate', 'dropRate', 'duplicateRate', 'reorderRate'] as const)
    if (!(merged[rate] >= 0 && merged[rate] <= 1)) throw new RangeError(`${rate} must be within [0, 1]`);
  for (const ms of ['latencyMs', 'jitterMs'] as const)
    if (!(merged[ms] >= 0)) throw new RangeError(`${ms} must be 0 or more`);
  if (!['InternalError', 'ServiceUnavailable', 'mixed'].includes(merged.errorKind))
    throw new RangeError('errorKind must be InternalError, ServiceUnavailable or mixed');
  if (!Array.isArray(merged.operations)) throw new RangeError('operations must be a list');
  return merged;
}

export interface FaultCounts {
  delayed: number;
  errors: number;
  drops: number;
  duplicates: number;
  reorders: number;
}

export class FaultInjector {
  private random: SeededRandom;
  readonly counts: FaultCounts = { delayed: 0, errors: 0, drops: 0, duplicates: 0, reorders: 0 };

  constructor(
    private faults: SmqFaults = NO_FAULTS,
    seed = 1,
  ) {
    this.random = new SeededRandom(seed);
  }

  get current(): SmqFaults {
    return this.faults;
  }

  /** Replaces the settings; a given seed restarts the dice so a scenario repeats exactly. */
  configure(change: Partial<SmqFaults>, seed?: number): void {
    this.faults = mergeFaults(this.faults, change);
    if (seed !== undefined) this.random = new SeededRandom(seed);
  }

  reset(seed?: number): void {
    this.faults = NO_FAULTS;
    if (seed !== undefined) this.random = new SeededRandom(seed);
  }

  applies(operation: string): boolean {
    const scope = this.faults.operations;
    return (
      scope.length === 0 || scope.includes(operation) || scope.includes(OPERATION_GROUPS[operation] ?? '')
    );
  }

  latency(operation: string): number {
    if (!this.applies(operation) || (this.faults.latencyMs === 0 && this.faults.jitterMs === 0)) return 0;
    this.counts.delayed++;
    return this.faults.latencyMs + (this.faults.jitterMs > 0 ? this.random.int(0, this.faults.jitterMs) : 0);
  }

  error(operation: string): 'InternalError' | 'ServiceUnavailable' | undefined {
    if (!this.applies(operation) || !this.random.chance(this.faults.errorRate)) return undefined;
    this.counts.errors++;
    if (this.faults.errorKind !== 'mixed') return this.faults.errorKind;
    return this.random.chance(0.5) ? 'InternalError' : 'ServiceUnavailable';
  }

  drop(operation: string): boolean {
    const drop = this.applies(operation) && this.random.chance(this.faults.dropRate);
    if (drop) this.counts.drops++;
    return drop;
  }

  duplicate(operation: string): boolean {
    const duplicate = this.applies(operation) && this.random.chance(this.faults.duplicateRate);
    if (duplicate) this.counts.duplicates++;
    return duplicate;
  }

  reorder<T>(operation: string, items: T[]): T[] {
    if (items.length < 2 || !this.applies(operation) || !this.random.chance(this.faults.reorderRate))
      return items;
    this.counts.reorders++;
    return this.random.shuffle(items);
  }
}
