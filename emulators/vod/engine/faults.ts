import { SeededRandom } from '../../common/seeded-random';

// Fault injection, off by default. Rates are probabilities in [0, 1]; one seeded source of
// randomness makes a run repeatable.
export interface VodFaults {
  /** Share of jobs (per stream, snapshot, AI job) that end in failure. */
  jobFailureRate: number;
  /** Share of events written twice. */
  duplicateRate: number;
  /** Share of events held back so that later ones overtake them; transcodes also shuffle their streams. */
  reorderRate: number;
  /** Share of events dropped before any write attempt. */
  dropRate: number;
  /** Event types always dropped (e.g. ['TranscodeComplete']). */
  dropEventTypes: string[];
  /** Share of API calls answered with Throttling.User. */
  throttleRate: number;
  /** HTTP status of a throttled answer: 400 per VOD's docs, 503 as some gateways do. */
  throttleStatus: 400 | 503;
}

export const NO_FAULTS: VodFaults = Object.freeze({
  jobFailureRate: 0,
  duplicateRate: 0,
  reorderRate: 0,
  dropRate: 0,
  dropEventTypes: [],
  throttleRate: 0,
  throttleStatus: 400,
});

const RATE_KEYS = ['jobFailureRate', 'duplicateRate', 'reorderRate', 'dropRate', 'throttleRate'] as const;

/** Validates a partial update of the faults (admin API, CLI); throws RangeError on bad input. */
export function mergeFaults(current: VodFaults, update: unknown): VodFaults {
  if (typeof update !== 'object' || update === null || Array.isArray(update)) {
    throw new RangeError('faults must be a JSON object');
  }
  const next: VodFaults = { ...current, dropEventTypes: [...current.dropEventTypes] };
  for (const [key, value] of Object.entries(update as Record<string, unknown>)) {
    if ((RATE_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== 'number' || !(value >= 0 && value <= 1))
        throw new RangeError(`${key} must be a number in [0, 1]`);
      next[key as (typeof RATE_KEYS)[number]] = value;
    } else if (key === 'dropEventTypes') {
      if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
        throw new RangeError('dropEventTypes must be an array of event type names');
      }
      next.dropEventTypes = value.filter((v): v is string => typeof v === 'string');
    } else if (key === 'throttleStatus') {
      if (value !== 400 && value !== 503) throw new RangeError('throttleStatus must be 400 or 503');
      next.throttleStatus = value;
    } else {
      throw new RangeError(`unknown fault "${key}"`);
    }
  }
  return next;
}

/** The current faults plus the seeded dice that decide each one. */
export class FaultPlan {
  private random: SeededRandom;

  constructor(
    public faults: VodFaults,
    seed: number,
  ) {
    this.random = new SeededRandom(seed);
  }

  jobFails(): boolean {
    return this.random.chance(this.faults.jobFailureRate);
  }
  duplicates(): boolean {
    return this.random.chance(this.faults.duplicateRate);
  }
  reorders(): boolean {
    return this.random.chance(this.faults.reorderRate);
  }
  drops(eventType: string): boolean {
    return this.faults.dropEventTypes.includes(eventType) || this.random.chance(this.faults.dropRate);
  }
  throttles(): boolean {
    return this.random.chance(this.faults.throttleRate);
  }
  shuffle<T>(items: readonly T[]): T[] {
    return this.random.shuffle(items);
  }
}
