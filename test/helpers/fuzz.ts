import { Agent, request } from 'node:http';
import fc from 'fast-check';

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

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** Sends requests over one keep-alive agent, at most `concurrency` at a time, and collects answers. */
export async function sendAll(
  baseUrl: string,
  requests: readonly RawRequest[],
  concurrency: number,
  timeoutMs: number,
): Promise<Array<{ request: RawRequest; answer: RawAnswer | Error }>> {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const url = new URL(baseUrl);
  const results: Array<{ request: RawRequest; answer: RawAnswer | Error }> = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < requests.length) {
      const raw = requests[next++];
      results.push({ request: raw, answer: await sendOne(url, agent, raw, timeoutMs) });
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    agent.destroy();
  }
  return results;
}

function sendOne(url: URL, agent: Agent, raw: RawRequest, timeoutMs: number): Promise<RawAnswer | Error> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: raw.method,
        path: raw.target,
        headers: { ...raw.headers, 'content-length': String(raw.body.length) },
        agent,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', resolve);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', resolve);
    req.end(raw.body);
  });
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
