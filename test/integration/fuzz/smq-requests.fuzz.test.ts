import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { contentMd5, sign } from '../../../emulators/smq/protocol/signature';
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
import { startSmqEmulator, type RunningSmqEmulator } from '../../helpers/smq-emulator';

// Malformed and half-formed requests straight over HTTP: whatever arrives, the emulator answers
// with an SMQ error document (or a success), never a 5xx, never a hang, and keeps serving.

const QUEUE = 'fuzz-queue';
const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false });

let smq: RunningSmqEmulator;

beforeAll(async () => {
  smq = await startSmqEmulator();
  smq.emulator.engine.createQueue(QUEUE);
});
afterAll(async () => {
  await smq.close();
});

// Header values must be bytes Node's client accepts; the server sees them as sent.
const headerSafe = (text: string): string => text.replace(/[^\t\x20-\x7e]/g, '?');

const queueName = fc.oneof(
  { arbitrary: fc.constant(QUEUE), weight: 4 },
  fc.constant('missing-queue'),
  fc.stringMatching(/^[A-Za-z0-9-]{1,130}$/),
  nastyText.map(encodeLoosely),
  fc.constantFrom('%ZZ', '%E0%A4%A', '..', '%2F', ''),
);

const path = fc.oneof(
  fc.constant('/queues'),
  queueName.map((name) => `/queues/${name}`),
  queueName.map((name) => `/queues/${name}/messages`),
  fc.constantFrom('/', '/topics/t', '/queues//messages', '/queues/a/b/c', '/__admin'),
);

const queryValue = fc.oneof(nastyText.map(encodeLoosely), fc.constantFrom('%ZZ', '0', '16', '17'));
// No valid positive waitseconds: a real long poll would only make the run slow.
const query = fc
  .array(
    fc.tuple(
      fc.constantFrom(
        'metaoverride',
        'numOfMessages',
        'waitseconds',
        'peekonly',
        'ReceiptHandle',
        'receiptHandle',
        'VisibilityTimeout',
        'visibilityTimeout',
        'x',
      ),
      queryValue,
    ),
    { maxLength: 4 },
  )
  .map((pairs) => pairs.filter(([key, value]) => !(key === 'waitseconds' && /^[1-9]\d*$/.test(value))))
  .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`));

const xmlField = fc.tuple(
  fc.constantFrom(
    'MessageBody',
    'DelaySeconds',
    'Priority',
    'VisibilityTimeout',
    'MaximumMessageSize',
    'MessageRetentionPeriod',
    'PollingWaitSeconds',
    'LoggingEnabled',
    'ReceiptHandle',
    'Unknown',
  ),
  nastyText,
);

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// A field element; PollingWaitSeconds only gets values that end a receive at once.
const fieldXml = ([name, value]: [string, string]): string =>
  `<${name}>${name === 'PollingWaitSeconds' && /^[1-9]/.test(value) ? '0' : escapeXml(value)}</${name}>`;

const NS = 'xmlns="http://mns.aliyuncs.com/doc/v1/"';
const body = fc.oneof(
  fc.constant(''),
  nastyText,
  fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
  fc
    .tuple(
      fc.constantFrom('Message', 'Queue', 'ReceiptHandles', 'Messages', 'Other'),
      fc.array(xmlField, { maxLength: 5 }),
    )
    .map(
      ([root, fields]) =>
        `<?xml version="1.0" encoding="UTF-8"?><${root} ${NS}>${fields.map(fieldXml).join('')}</${root}>`,
    ),
  fc
    .array(fc.array(xmlField, { maxLength: 3 }), { maxLength: 20 })
    .map(
      (items) =>
        `<Messages ${NS}>${items.map((fields) => `<Message>${fields.map(fieldXml).join('')}</Message>`).join('')}</Messages>`,
    ),
  fc
    .array(nastyText, { maxLength: 20 })
    .map(
      (handles) =>
        `<ReceiptHandles ${NS}>${handles.map((h) => `<ReceiptHandle>${escapeXml(h)}</ReceiptHandle>`).join('')}</ReceiptHandles>`,
    ),
  fc.constantFrom(
    '<Message><MessageBody>unterminated',
    '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Message><MessageBody>&e;</MessageBody></Message>',
    '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;">]><Message><MessageBody>&b;</MessageBody></Message>',
    '<Message><MessageBody><![CDATA[x]]></MessageBody></Message>',
    '<Message xmlns="urn:other"><MessageBody>x</MessageBody></Message>',
  ),
  fc.constant('x'.repeat(70_000)),
);

type Signing = 'valid' | 'wrong-secret' | 'unknown-key' | 'garbage' | 'none';

const extraHeaders = fc.array(
  fc.tuple(
    fc.constantFrom('x-mns-with-meta', 'x-mns-prefix', 'x-mns-ret-number', 'x-mns-marker', 'security-token'),
    nastyText.map(headerSafe),
  ),
  { maxLength: 3 },
);

// Most requests carry a proper envelope so that the draw reaches the operations behind it.
const properEnvelope = fc.record({
  signing: fc.constant<Signing>('valid'),
  date: fc.constant('now'),
  contentType: fc.constant('text/xml;charset=UTF-8'),
  md5: fc.constantFrom('right', 'none'),
  version: fc.constant('2015-06-06'),
  extra: extraHeaders,
});

const anyEnvelope = fc.record({
  signing: fc.constantFrom<Signing>('valid', 'wrong-secret', 'unknown-key', 'garbage', 'none'),
  date: fc.oneof(
    fc.constant('now'),
    fc.constantFrom('', 'yesterday', 'Thu, 01 Jan 1970 00:00:00 GMT', 'Fri, 31 Dec 9999 23:59:59 GMT'),
    nastyText.map(headerSafe),
  ),
  contentType: fc.constantFrom('text/xml;charset=UTF-8', 'application/json', '', 'text/xml; charset=latin1'),
  md5: fc.constantFrom('right', 'wrong', 'none'),
  version: fc.constantFrom('2015-06-06', '', '1999-01-01'),
  extra: extraHeaders,
});

const headerSet = fc.oneof({ arbitrary: properEnvelope, weight: 3 }, { arbitrary: anyEnvelope, weight: 1 });

const requestShape = fc.record({
  method: fc.oneof(
    { arbitrary: fc.constantFrom('GET', 'PUT', 'POST', 'DELETE'), weight: 9 },
    { arbitrary: fc.constantFrom('PATCH', 'OPTIONS'), weight: 1 },
  ),
  target: fc.tuple(path, query).map(([p, q]) => `${p}${q}`),
  body,
  headers: headerSet,
});

type Shape = typeof requestShape extends fc.Arbitrary<infer T> ? T : never;

function toRequest(shape: Shape): RawRequest {
  const bodyBytes = Buffer.from(shape.body, 'utf8');
  const headers: Record<string, string> = {};
  const date = shape.headers.date === 'now' ? new Date().toUTCString() : shape.headers.date;
  if (date !== '') headers.date = date;
  if (shape.headers.contentType !== '') headers['content-type'] = shape.headers.contentType;
  if (shape.headers.version !== '') headers['x-mns-version'] = shape.headers.version;
  if (shape.headers.md5 === 'right') headers['content-md5'] = contentMd5(bodyBytes);
  if (shape.headers.md5 === 'wrong') headers['content-md5'] = contentMd5('something else');
  for (const [name, value] of shape.headers.extra) headers[name] = value;
  const signWith = (secret: string): string =>
    sign(secret, {
      method: shape.method,
      contentMd5: headers['content-md5'] ?? '',
      contentType: headers['content-type'] ?? '',
      date,
      headers,
      resource: shape.target,
    });
  switch (shape.headers.signing) {
    case 'valid':
      headers.authorization = `MNS ${smq.accessKeyId}:${signWith(smq.accessKeySecret)}`;
      break;
    case 'wrong-secret':
      headers.authorization = `MNS ${smq.accessKeyId}:${signWith('not-the-secret')}`;
      break;
    case 'unknown-key':
      headers.authorization = `MNS someone-else:${signWith(smq.accessKeySecret)}`;
      break;
    case 'garbage':
      headers.authorization = headerSafe(`MNS${shape.body.slice(0, 30)}`);
      break;
    case 'none':
      break;
  }
  return { method: shape.method, target: shape.target, headers, body: bodyBytes };
}

const asList = (value: unknown): Record<string, unknown>[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]) as Record<string, unknown>[];

// Batch partial failures have their own documents: <Messages> for sends (each item a message or an
// error) and <Errors> for deletes (only the failed handles).
function batchProblem(document: Record<string, unknown>): string | undefined {
  if (document.Messages !== undefined) {
    const items = asList((document.Messages as Record<string, unknown>).Message);
    const bad = items.find((item) => item.MessageId === undefined && item.ErrorCode === undefined);
    return items.length === 0 || bad
      ? 'batch send document with an item that is neither sent nor failed'
      : undefined;
  }
  const items = asList((document.Errors as Record<string, unknown>).Error);
  const bad = items.find(
    (item) => typeof item.ErrorCode !== 'string' || typeof item.ErrorMessage !== 'string',
  );
  return items.length === 0 || bad ? 'batch delete document with an incomplete error item' : undefined;
}

/** What is wrong with an answer, or undefined when it is a proper SMQ answer. */
function problemWith(answer: RawAnswer | Error): string | undefined {
  if (answer instanceof Error) return `no answer: ${answer.message}`;
  if (answer.headers['x-mns-request-id'] === undefined) return 'no x-mns-request-id header';
  if (answer.status < 400) return undefined;
  let document: Record<string, unknown>;
  try {
    document = parser.parse(answer.body) as Record<string, unknown>;
  } catch (error) {
    return `error body is not XML (${(error as Error).message}): ${answer.body.slice(0, 200)}`;
  }
  if (document.Messages !== undefined || document.Errors !== undefined) return batchProblem(document);
  if (answer.status >= 500) return `HTTP ${answer.status}: ${answer.body.slice(0, 300)}`;
  const root = document.Error as Record<string, unknown> | undefined;
  if (root === undefined) return `error body has no <Error> root: ${answer.body.slice(0, 200)}`;
  const missing = missingErrorField(root);
  return missing === undefined ? undefined : `error document lacks ${missing}`;
}

describe('SMQ emulator under malformed requests', () => {
  it('answers every request with an SMQ document and keeps serving', async () => {
    const seed = fuzzSeed('smq-requests');
    const shapes = drawSamples(requestShape, fuzzRuns(10_000), seed);
    const results = await sendAll(smq.endpoint, shapes.map(toRequest), 16, 10_000);

    expect(firstProblems(results, problemWith)).toEqual([]);
    expect(results).toHaveLength(shapes.length);
    printTally(
      'smq-requests',
      results,
      (answer) => /<Code>([^<]*)<\/Code>/.exec(answer.body)?.[1] ?? String(answer.status),
    );
    const statuses = new Set(results.map(({ answer }) => (answer as RawAnswer).status));
    // The draw reached past authentication into the operations, not only the 4xx at the door.
    expect([...statuses].some((status) => status < 300)).toBe(true);
    // Still healthy: an ordinary signed request through the admin client works.
    await expect(smq.admin.stats()).resolves.toBeDefined();
  });
});
