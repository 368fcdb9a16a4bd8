import type { SeededRandom } from '../emulators/common/seeded-random';
import type { SmqFaults } from '../emulators/smq/faults';
import type { VodFaults } from '../emulators/vod/engine/faults';

// What goes wrong during each phase of a soak, drawn from the seed so that a failing run replays.

export const FAULT_CLASSES = [
  'none',
  'worker-kill',
  'temporal-kill',
  'smq-kill',
  'smq-errors',
  'visibility-expiry',
  'vod-delivery',
] as const;
export type FaultClass = (typeof FAULT_CLASSES)[number];

export type FaultStep =
  | { atMs: number; kind: 'kill-worker'; worker: number; downMs: number }
  | { atMs: number; kind: 'kill-temporal'; downMs: number }
  | { atMs: number; kind: 'kill-smq'; downMs: number }
  | { atMs: number; kind: 'smq-faults'; faults: Partial<SmqFaults>; forMs: number }
  | { atMs: number; kind: 'vod-faults'; faults: Partial<VodFaults>; forMs: number };

export interface PhasePlanInput {
  faultClass: FaultClass;
  /** How long the phase uploads videos; faults happen inside this window. */
  windowMs: number;
  workers: number;
  /** The queue's visibility timeout: the visibility-expiry class holds deletes longer than it. */
  visibilitySeconds: number;
}

function times(random: SeededRandom, windowMs: number, count: number): number[] {
  return Array.from({ length: count }, () => random.int(0, Math.max(0, windowMs - 1))).sort((a, b) => a - b);
}

/** The fault steps of one phase, in time order. */
export function planPhase(input: PhasePlanInput, random: SeededRandom): FaultStep[] {
  const { windowMs } = input;
  switch (input.faultClass) {
    case 'none':
      return [];
    case 'worker-kill':
      return times(random, windowMs, 3).map((atMs) => ({
        atMs,
        kind: 'kill-worker',
        worker: random.int(0, input.workers - 1),
        downMs: random.int(500, 3_000),
      }));
    case 'temporal-kill':
      return times(random, windowMs, 2).map((atMs) => ({
        atMs,
        kind: 'kill-temporal',
        downMs: random.int(1_000, 3_000),
      }));
    case 'smq-kill':
      return times(random, windowMs, 2).map((atMs) => ({
        atMs,
        kind: 'kill-smq',
        downMs: random.int(500, 2_500),
      }));
    case 'smq-errors':
      return [
        {
          atMs: 0,
          kind: 'smq-faults',
          forMs: windowMs,
          faults: {
            errorRate: 0.2 + random.next() * 0.2,
            errorKind: 'mixed',
            dropRate: 0.05,
            duplicateRate: 0.05,
            reorderRate: 0.3,
            latencyMs: random.int(20, 200),
            jitterMs: 200,
            operations: ['receive', 'delete', 'visibility'],
          },
        },
      ];
    case 'visibility-expiry': {
      // Deletes outlast the visibility timeout: signalled messages come back before they are gone.
      const forMs = input.visibilitySeconds * 1_000 + 4_000;
      return [
        {
          atMs: random.int(0, Math.max(0, windowMs - forMs)),
          kind: 'smq-faults',
          forMs,
          faults: { latencyMs: (input.visibilitySeconds + 2) * 1_000, operations: ['delete'] },
        },
      ];
    }
    case 'vod-delivery':
      return [
        {
          atMs: 0,
          kind: 'vod-faults',
          forMs: windowMs,
          faults: { duplicateRate: 0.2, reorderRate: 0.3, dropRate: 0.05 + random.next() * 0.05 },
        },
      ];
  }
}

/** Parses `--faults a,b` (or `all`); throws RangeError naming the unknown class. */
export function parseFaultClasses(text: string): FaultClass[] {
  if (text.trim() === 'all') return [...FAULT_CLASSES];
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  for (const name of names)
    if (!(FAULT_CLASSES as readonly string[]).includes(name))
      throw new RangeError(`unknown fault class "${name}" (known: ${FAULT_CLASSES.join(', ')}, or all)`);
  if (names.length === 0) throw new RangeError('--faults names no fault class');
  return names as FaultClass[];
}
