import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { classifyMessage } from '../../../activities/message-classifier';
import { eventContentKey, SMQ_MAX_MESSAGE_BYTES } from '../../../common/events';
import { encodeUtf8Base64 } from '../../../common/events/base64';
import { videoWorkflowId } from '../../../common/workflow-ids';
import { fuzzRuns, fuzzSeed, nastyText } from '../../helpers/fuzz';

// Every body a queue can hold either becomes an event for a video or a quarantine reason: nothing
// throws past classification, and what comes out of it is usable by the poller as it is.

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'events');
const samples: Record<string, unknown>[] = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8')) as Record<string, unknown>);

const REASONS = new Set([
  'too-large',
  'empty',
  'bad-base64',
  'not-json',
  'not-object',
  'missing-event-type',
  'missing-id',
  'invalid-fields',
  'not-video-media',
  'bad-id',
]);

const jsonValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  nastyText,
  fc.constant(null),
  fc.constant(undefined),
);

type Mutation = (event: Record<string, unknown>) => unknown;

// Small edits of a real event: the shapes a buggy or newer producer could write.
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.nat().map((n): Mutation => (event) => {
    const keys = Object.keys(event);
    const copy = { ...event };
    if (keys.length > 0) delete copy[keys[n % keys.length]];
    return copy;
  }),
  fc.tuple(fc.nat(), jsonValue).map(([n, value]): Mutation => (event) => {
    const keys = Object.keys(event);
    return keys.length === 0 ? event : { ...event, [keys[n % keys.length]]: value };
  }),
  fc.tuple(nastyText, jsonValue).map(([key, value]): Mutation => (event) => ({ ...event, [key]: value })),
  fc.nat().map((n): Mutation => (event) => {
    const keys = Object.keys(event);
    if (keys.length === 0) return event;
    const key = keys[n % keys.length];
    return { ...event, [` ${key} `]: event[key] };
  }),
  fc.constantFrom<Mutation>(
    (event) => [event],
    (event) => ({ ...event, EventType: 'SomethingNew' }),
    (event) => ({ ...event, EventTime: '2026-02-30T25:61:00Z' }),
    (event) => ({ ...event, Status: 'success' }),
    (event) => ({ ...event, VideoId: 'a/b?c' }),
    (event) => ({ ...event, Extend: '{"vodflow":' }),
  ),
);

const mutatedEvent = fc
  .tuple(fc.constantFrom(...samples), fc.array(mutation, { minLength: 1, maxLength: 3 }))
  .map(([sample, edits]) =>
    edits.reduce<unknown>(
      (value, edit) =>
        typeof value === 'object' && value !== null && !Array.isArray(value)
          ? edit(value as Record<string, unknown>)
          : value,
      sample,
    ),
  );

// How a body reaches the queue: as JSON, as Base64 of it, padded, truncated or over the limit.
const body: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: mutatedEvent.map((value) => JSON.stringify(value) ?? ''), weight: 6 },
  { arbitrary: mutatedEvent.map((value) => encodeUtf8Base64(JSON.stringify(value) ?? '')), weight: 2 },
  {
    arbitrary: fc.tuple(mutatedEvent, fc.nat()).map(([value, cut]) => {
      const text = JSON.stringify(value) ?? '';
      return text.slice(0, cut % (text.length + 1));
    }),
    weight: 1,
  },
  { arbitrary: fc.constantFrom(...samples).map((value) => `  \n${JSON.stringify(value)}\t `), weight: 1 },
  { arbitrary: nastyText, weight: 1 },
  { arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => JSON.stringify(value)), weight: 1 },
  {
    arbitrary: fc
      .constantFrom(...samples)
      .map((value) => JSON.stringify({ ...value, Padding: 'x'.repeat(SMQ_MAX_MESSAGE_BYTES) })),
    weight: 1,
  },
);

describe('message bodies under fuzzing', () => {
  it('each body is an event with a usable video id and content key, or a quarantine reason', () => {
    const seed = fuzzSeed('message-bodies');
    const outcomes = new Map<string, number>();
    fc.assert(
      fc.property(body, (text) => {
        const verdict = classifyMessage(text, SMQ_MAX_MESSAGE_BYTES);
        const key = verdict.kind === 'event' ? 'event' : verdict.reasonCode;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        if (verdict.kind === 'poison') {
          expect(REASONS.has(verdict.reasonCode)).toBe(true);
          expect(verdict.reason.trim()).not.toBe('');
          return;
        }
        expect(typeof verdict.event.EventType).toBe('string');
        expect(videoWorkflowId(verdict.videoId)).toContain(verdict.videoId);
        expect(eventContentKey(verdict.event)).toEqual(expect.any(String));
        // Decoding is a pure function of the body: the redelivered copy decodes alike.
        expect(classifyMessage(text, SMQ_MAX_MESSAGE_BYTES)).toEqual(verdict);
      }),
      { numRuns: fuzzRuns(10_000), seed },
    );
    process.stdout.write(`fuzz message-bodies: outcomes ${JSON.stringify(Object.fromEntries(outcomes))}\n`);
    // The draw covered both sides: real events and each common kind of refusal.
    for (const outcome of ['event', 'not-json', 'invalid-fields', 'missing-id', 'too-large'])
      expect(outcomes.get(outcome) ?? 0).toBeGreaterThan(0);
  });
});
