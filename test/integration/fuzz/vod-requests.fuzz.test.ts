import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import type { EventQueueWriter } from '../../../emulators/vod/delivery/queue-writer';
import { VOD_API_VERSION } from '../../../emulators/vod/protocol/limits';
import { percentEncode, signRpc } from '../../../emulators/vod/protocol/signature';
import {
  drawSamples,
  firstProblems,
  printTally,
  encodeLoosely,
  fuzzRuns,
  fuzzSeed,
  missingErrorField,
  nastyText,
  sendAll,
  type RawAnswer,
  type RawRequest,
} from '../../helpers/fuzz';
import { startVodEmulator, type RunningVodEmulator } from '../../helpers/vod-emulator';

// Malformed and half-formed RPC calls straight over HTTP: whatever arrives, the emulator answers
// with VOD's error document (or a success), never a 5xx, never a hang, and keeps serving.

const ACTIONS = [
  'SetMessageCallback',
  'GetMessageCallback',
  'DeleteMessageCallback',
  'CreateUploadVideo',
  'GetVideoInfo',
  'GetVideoList',
  'DeleteVideo',
  'SubmitTranscodeJobs',
  'SubmitSnapshotJob',
  'SubmitAIMediaAuditJob',
  'SubmitAIJob',
  'ListAIJob',
  'GetTranscodeTask',
  'ListTranscodeTask',
  'ListSnapshots',
  'GetAIMediaAuditJob',
  'GetMediaAuditResult',
  'GetPlayInfo',
  'GetMezzanineInfo',
  'GetTranscodeSummary',
  'SubmitDynamicImageJob',
];

const PARAMETERS = [
  'AppId',
  'AuthKey',
  'AdditionType',
  'AuthSwitch',
  'CallbackType',
  'CallbackURL',
  'Count',
  'Definition',
  'Description',
  'DynamicImageTemplateId',
  'EndTime',
  'EventTypeList',
  'Formats',
  'OutputType',
  'FileName',
  'FileSize',
  'JobId',
  'JobIds',
  'MediaId',
  'MediaType',
  'MnsEndpoint',
  'MnsQueueName',
  'PageNo',
  'PageSize',
  'Priority',
  'RegionId',
  'SessionId',
  'SortBy',
  'StartTime',
  'Status',
  'Tags',
  'TemplateGroupId',
  'Title',
  'TranscodeTaskId',
  'Types',
  'UserData',
  'VideoId',
  'VideoIds',
];

const xml = new XMLParser({ parseTagValue: false });
const written: string[] = [];
// Events stay in memory: fuzzed callbacks must not send the emulator to arbitrary endpoints.
const writer: EventQueueWriter = {
  write: (_queue, body) => {
    written.push(body);
    return Promise.resolve();
  },
};

let vod: RunningVodEmulator;
let videoId: string;

beforeAll(async () => {
  vod = await startVodEmulator({ writer });
  videoId = vod.emulator.engine.createUploadVideo({
    regionId: 'cn-shanghai',
    appId: 'app-1000000',
    title: 'fuzz',
    fileName: 'fuzz.mp4',
    userData: {},
  }).videoId;
  await vod.completeUpload(videoId);
});
afterAll(async () => {
  await vod.close();
});

const value = fc.oneof(
  { arbitrary: nastyText, weight: 4 },
  { arbitrary: fc.constantFrom('VIDEO', 'OTHER_VIDEO'), weight: 2 },
  { arbitrary: fc.integer({ min: -5, max: 200 }).map(String), weight: 1 },
  { arbitrary: fc.json({ maxDepth: 3 }), weight: 1 },
  {
    arbitrary: fc.constantFrom(
      '{"Extend":"x"}',
      '{"MessageCallback":{"CallbackURL":"http://127.0.0.1:1/"}}',
      '2026-01-01T00:00:00Z',
      'FileUploadComplete,TranscodeComplete',
      'AIVideoTag,AIVideoDNA,Nope',
    ),
    weight: 1,
  },
);

type Signing = 'valid' | 'wrong-secret' | 'unknown-key' | 'none' | 'reused-nonce';

const callShape = fc.record({
  method: fc.oneof(
    { arbitrary: fc.constantFrom('GET', 'POST'), weight: 9 },
    { arbitrary: fc.constantFrom('PUT', 'DELETE'), weight: 1 },
  ),
  action: fc.oneof(
    { arbitrary: fc.constantFrom(...ACTIONS), weight: 9 },
    { arbitrary: fc.oneof(fc.constant(''), nastyText), weight: 1 },
  ),
  params: fc.array(fc.tuple(fc.constantFrom(...PARAMETERS), value), { maxLength: 6 }),
  envelope: fc.oneof(
    {
      arbitrary: fc.record({
        signing: fc.constant<Signing>('valid'),
        format: fc.constantFrom('JSON', undefined),
        version: fc.constant(VOD_API_VERSION),
        timestamp: fc.constant('now'),
      }),
      weight: 3,
    },
    {
      arbitrary: fc.record({
        signing: fc.constantFrom<Signing>('valid', 'wrong-secret', 'unknown-key', 'none', 'reused-nonce'),
        format: fc.constantFrom('JSON', 'json', 'XML', 'yaml', '', undefined),
        version: fc.constantFrom(VOD_API_VERSION, '2014-01-01', ''),
        timestamp: fc.oneof(
          fc.constantFrom('now', '2001-01-01T00:00:00Z', '2026-13-45T99:99:99Z', ''),
          nastyText,
        ),
      }),
      weight: 1,
    },
  ),
  transport: fc.constantFrom('query', 'query', 'form', 'form-wrong-type'),
});

type Shape = typeof callShape extends fc.Arbitrary<infer T> ? T : never;

function toRequest(shape: Shape): RawRequest {
  const params = new Map<string, string>();
  const resolve = (text: string): string =>
    text === 'VIDEO' ? videoId : text === 'OTHER_VIDEO' ? 'no-such-video' : text;
  for (const [name, text] of shape.params) params.set(name, resolve(text));
  if (shape.action !== '') params.set('Action', shape.action);
  const { envelope } = shape;
  if (envelope.format !== undefined) params.set('Format', envelope.format);
  if (envelope.version !== '') params.set('Version', envelope.version);
  if (envelope.timestamp !== '')
    params.set(
      'Timestamp',
      envelope.timestamp === 'now' ? new Date().toISOString().replace(/\.\d+Z$/, 'Z') : envelope.timestamp,
    );
  params.set('SignatureMethod', 'HMAC-SHA1');
  params.set('SignatureVersion', '1.0');
  params.set('SignatureNonce', envelope.signing === 'reused-nonce' ? 'the-same-nonce' : randomUUID());
  params.set('AccessKeyId', envelope.signing === 'unknown-key' ? 'someone-else' : vod.accessKeyId);
  const method = shape.transport === 'query' ? shape.method : 'POST';
  // Scrub lone surrogates once, so that the signature covers exactly what the wire carries.
  for (const [name, text] of params) params.set(name, decodeURIComponent(encodeLoosely(text)));
  if (envelope.signing !== 'none')
    params.set(
      'Signature',
      signRpc(method, params, envelope.signing === 'wrong-secret' ? 'nope' : vod.accessKeySecret),
    );
  const encoded = [...params]
    .map(([name, text]) => `${percentEncode(name)}=${percentEncode(text)}`)
    .join('&');
  if (shape.transport === 'query')
    return { method, target: `/?${encoded}`, headers: {}, body: Buffer.alloc(0) };
  const contentType =
    shape.transport === 'form' ? 'application/x-www-form-urlencoded; charset=UTF-8' : 'text/plain';
  return { method, target: '/', headers: { 'content-type': contentType }, body: Buffer.from(encoded) };
}

function errorFields(answer: RawAnswer): Record<string, unknown> | string {
  const type = String(answer.headers['content-type'] ?? '');
  try {
    if (type.includes('xml')) {
      const document = xml.parse(answer.body) as Record<string, unknown>;
      const root = document.Error as Record<string, unknown> | undefined;
      return root ?? `XML error body without an <Error> root: ${answer.body.slice(0, 200)}`;
    }
    return JSON.parse(answer.body) as Record<string, unknown>;
  } catch (error) {
    return `error body does not parse as ${type} (${(error as Error).message}): ${answer.body.slice(0, 200)}`;
  }
}

/** What is wrong with an answer, or undefined when it is a proper VOD answer. */
function problemWith(answer: RawAnswer | Error): string | undefined {
  if (answer instanceof Error) return `no answer: ${answer.message}`;
  if (answer.status >= 500) return `HTTP ${answer.status}: ${answer.body.slice(0, 300)}`;
  if (answer.status < 400) return undefined;
  const fields = errorFields(answer);
  if (typeof fields === 'string') return fields;
  const missing = missingErrorField(fields);
  return missing === undefined ? undefined : `error document lacks ${missing}`;
}

describe('VOD emulator under malformed requests', () => {
  it('answers every request with a VOD document and keeps serving', async () => {
    const seed = fuzzSeed('vod-requests');
    const shapes = drawSamples(callShape, fuzzRuns(10_000), seed);
    const results = await sendAll(vod.endpoint, shapes.map(toRequest), 16, 10_000);

    expect(firstProblems(results, problemWith)).toEqual([]);
    expect(results).toHaveLength(shapes.length);
    printTally('vod-requests', results, (answer) => {
      const fields = answer.status < 400 ? {} : errorFields(answer);
      return typeof fields === 'string' || typeof fields.Code !== 'string'
        ? String(answer.status)
        : fields.Code;
    });
    // The draw reached past authentication into the actions, not only the 4xx at the door.
    expect(results.some(({ answer }) => (answer as RawAnswer).status === 200)).toBe(true);
    await vod.settle();
    await expect(vod.callCounts()).resolves.toBeDefined();
  });
});
