import { parseArgs } from 'node:util';
import { FAULT_CLASSES, parseFaultClasses, type FaultClass } from './fault-plan';

export const USAGE = `Usage: npm run soak -- [--quick] [--videos N] [--minutes M] [--seed S] [--faults LIST] [--json FILE]

Runs vodflow's whole stack as separate processes (Temporal dev server, SMQ and VOD emulators, two
workers), one phase per fault class, each phase uploading its own videos while its faults happen,
then checks every video against VOD's ledger.

  --videos N     videos uploaded in each phase                          [150; --quick: 3]
  --minutes M    give up waiting for convergence after M minutes in all  [30; --quick: 2]
  --seed S       seed of the fault schedule and VOD's fault dice        [random, printed]
  --faults LIST  comma-separated fault classes, or all                   [all]
                 ${FAULT_CLASSES.join(', ')}
  --json FILE    also write the verdicts as JSON to FILE
  --quick        a short run for the test suite (≤ 2 minutes)
Exit: 0 nothing lost, applied twice, submitted twice or stuck; 1 otherwise; 2 wrong usage.`;

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface SoakOptions {
  quick: boolean;
  videos: number;
  totalMs: number;
  seed: number;
  faults: FaultClass[];
  /** How long each phase uploads videos (and has its faults). */
  windowMs: number;
  jsonFile?: string;
}

function integerFlag(name: string, text: string | undefined, fallback: number, min = 1): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min)
    throw new UsageError(`--${name} must be a whole number of at least ${min}, got "${text}"`);
  return value;
}

export function parseSoakOptions(argv: string[], randomSeed: () => number): SoakOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        quick: { type: 'boolean', default: false },
        videos: { type: 'string' },
        minutes: { type: 'string' },
        seed: { type: 'string' },
        faults: { type: 'string', default: 'all' },
        json: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const quick = values.quick;
  const videos = integerFlag('videos', values.videos, quick ? 3 : 150);
  let faults: FaultClass[];
  try {
    faults = parseFaultClasses(values.faults);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  return {
    quick,
    videos,
    totalMs: integerFlag('minutes', values.minutes, quick ? 2 : 30) * 60_000,
    // Every printed seed replays, 0 included.
    seed: values.seed === undefined ? randomSeed() : integerFlag('seed', values.seed, 0, 0),
    faults,
    // Uploads at most ~5 per second, and never a window too short for its faults to land.
    windowMs: quick ? 5_000 : Math.max(20_000, videos * 200),
    jsonFile: values.json,
  };
}
