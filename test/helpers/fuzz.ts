import { Agent } from 'node:http';
import fc from 'fast-check';
import { exchange, type RawAnswer } from './http-exchange';

export type { RawAnswer };

/**
 * The seed of this run's fuzz tests: FUZZ_SEED replays a run, otherwise a new one each run.
 * Printed once so that any failure can be replayed.
 */
export function fuzzSeed(label: string): number {
  const fromEnv = process.env.FUZZ_SEED;
  const seed = fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) : Date.now() % 2 ** 31;
  if (!Number.isInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, got ${fromEnv}`);
  process.stdout.write(`fuzz ${label}: seed ${seed} (replay with FUZZ_SEED=${seed})\n`);
  return seed;
}

/** How many inputs each fuzz property draws (FUZZ_RUNS raises it for a longer hunt). */
export function fuzzRuns(atLeast: number): number {
  const fromEnv = Number(process.env.FUZZ_RUNS ?? '');
  return Number.isInteger(fromEnv) && fromEnv > atLeast ? fromEnv : atLeast;
}

/** Draws `count` values of an arbitrary, reproducibly from `seed`. */
export function drawSamples<T>(arbitrary: fc.Arbitrary<T>, count: number, seed: number): T[] {
  return fc.sample(arbitrary, { numRuns: count, seed });
}

export interface RawRequest {
  method: string;
  /** Request target as sent on the wire (path and query, already encoded or deliberately not). */
  target: string;
  headers: Record<string, string>;
  body: Buffer;
}

export type FuzzResult = { request: RawRequest; answer: RawAnswer | Error };

/** Sends requests over one keep-alive agent, at most `concurrency` at a time, and collects answers. */
export async function sendAll(
  baseUrl: string,
  requests: readonly RawRequest[],
  concurrency: number,
  timeoutMs: number,
): Promise<FuzzResult[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const results: FuzzResult[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < requests.length) {
      const raw = requests[next++];
      const answer = await exchange(baseUrl, { ...raw, agent, timeoutMs }).catch((error: Error) => error);
      results.push({ request: raw, answer });
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, lane));
  } finally {
    agent.destroy();
  }
  return results;
}

/** The first few answers a check finds wrong, each with the request that got it. */
export function firstProblems(
  results: readonly FuzzResult[],
  problemWith: (answer: RawAnswer | Error) => string | undefined,
  limit = 5,
): string[] {
  const problems: string[] = [];
  for (const { request, answer } of results) {
    const problem = problemWith(answer);
    if (problem !== undefined) problems.push(`${request.method} ${request.target.slice(0, 160)}: ${problem}`);
    if (problems.length >= limit) break;
  }
  return problems;
}

/** Prints how many answers had each code, so a run shows how deep its draw reached. */
export function printTally(
  label: string,
  results: readonly FuzzResult[],
  codeOf: (answer: RawAnswer) => string,
): void {
  const codes = new Map<string, number>();
  for (const { answer } of results) {
    const code = answer instanceof Error ? 'no answer' : codeOf(answer);
    codes.set(code, (codes.get(code) ?? 0) + 1);
  }
  process.stdout.write(`fuzz ${label}: answers ${JSON.stringify(Object.fromEntries(codes))}\n`);
}

/** Both services' error documents carry these four, non-empty; the first one missing, if any. */
export function missingErrorField(fields: Record<string, unknown>): string | undefined {
  return ['Code', 'Message', 'RequestId', 'HostId'].find(
    (field) => typeof fields[field] !== 'string' || fields[field] === '',
  );
}

/** Printable strings that stress parsers: control characters, markup, encodings, long runs. */
export const nastyText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    '',
    ' ',
    '-1',
    '0',
    '1e309',
    'NaN',
    '9007199254740993',
    '%',
    '%ZZ',
    '%E0%A4%A',
    '<',
    ']]>',
    '&amp;',
    '&#0;',
    '&unknown;',
    '\u0000',
    '\uFFFE',
    '\uD800',
    'null',
    '{}',
    '[]',
    'true',
    'constructor',
    '__proto__',
    'valueOf',
    '&constructor;',
  ),
  fc.string({ minLength: 200, maxLength: 2000 }),
);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** encodeURIComponent that never throws: lone surrogates become U+FFFD first. */
export function encodeLoosely(text: string): string {
  return encodeURIComponent(text.replace(LONE_SURROGATE, '\uFFFD'));
}
