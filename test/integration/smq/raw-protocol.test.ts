import { MAX_REQUEST_BODY_BYTES } from '../../../emulators/smq/limits';
import { startSmqEmulator, type RunningSmqEmulator } from '../../helpers/smq-emulator';
import { errorCode, MESSAGE_XML, rawRequest, type RawRequest } from './support/raw-smq';

// What the SDK cannot send, over raw HTTP signed by hand.

const QUEUE = 'raw-protocol';
const STS = { accessKeyId: 'sts-key', accessKeySecret: 'sts-secret', securityToken: 'token-123' };
let smq: RunningSmqEmulator;

function call(options: Omit<RawRequest, 'accessKeyId' | 'accessKeySecret'> & Partial<RawRequest>) {
  return rawRequest(smq.endpoint, {
    accessKeyId: smq.accessKeyId,
    accessKeySecret: smq.accessKeySecret,
    ...options,
  });
}

beforeAll(async () => {
  smq = await startSmqEmulator({
    accessKeys: [
      { accessKeyId: 'main-key', accessKeySecret: 'main-secret' },
      { accessKeyId: 'second-key', accessKeySecret: 'second-secret' },
      STS,
    ],
  });
  const created = await call({ method: 'PUT', target: `/queues/${QUEUE}`, body: '' });
  expect(created.status).toBe(201);
});
afterAll(async () => smq?.close());

describe('authentication', () => {
  it('a correctly signed request from any configured key passes', async () => {
    expect((await call({ method: 'GET', target: `/queues/${QUEUE}` })).status).toBe(200);
    const second = await call({
      method: 'GET',
      target: `/queues/${QUEUE}`,
      accessKeyId: 'second-key',
      accessKeySecret: 'second-secret',
    });
    expect(second.status).toBe(200);
  });

  it.each([
    ['no Authorization', { authorization: undefined }, 400, 'MissingAuthorizationHeader'],
    ['Authorization not MNS id:sig', { authorization: 'Bearer abc' }, 400, 'InvalidAuthorizationHeader'],
    ['no Date', { date: undefined }, 400, 'MissingDateHeader'],
    ['unparsable Date', { date: 'yesterday-ish' }, 400, 'InvalidDateHeader'],
    ['unknown key', { authorization: 'MNS nobody:abc=' }, 403, 'InvalidAccessKeyId'],
    [
      'wrong signature',
      { authorization: 'MNS main-key:AAAAAAAAAAAAAAAAAAAAAAAAAAA=' },
      403,
      'SignatureDoesNotMatch',
    ],
  ])('%s → %i %s', async (_label, override, status, code) => {
    const answer = await call({ method: 'GET', target: `/queues/${QUEUE}`, override });
    expect(answer.status).toBe(status);
    expect(errorCode(answer)).toBe(code);
  });

  it('a Date more than 15 minutes off is TimeExpired (408); 14 minutes is fine', async () => {
    const stale = await call({
      method: 'GET',
      target: `/queues/${QUEUE}`,
      date: new Date(Date.now() - 16 * 60_000),
    });
    expect(stale.status).toBe(408);
    expect(errorCode(stale)).toBe('TimeExpired');
    const ahead = await call({
      method: 'GET',
      target: `/queues/${QUEUE}`,
      date: new Date(Date.now() + 16 * 60_000),
    });
    expect(errorCode(ahead)).toBe('TimeExpired');
    const near = await call({
      method: 'GET',
      target: `/queues/${QUEUE}`,
      date: new Date(Date.now() - 14 * 60_000),
    });
    expect(near.status).toBe(200);
  });

  it('the signature covers the target as sent: a changed query fails', async () => {
    const answer = await call({ method: 'GET', target: `/queues/${QUEUE}/messages?peekonly=true` });
    expect(answer.status).not.toBe(403);
    const { signedHeaders } = await import('./support/raw-smq');
    const headers = signedHeaders({
      method: 'GET',
      target: `/queues/${QUEUE}/messages?peekonly=true`,
      accessKeyId: 'main-key',
      accessKeySecret: 'main-secret',
    });
    const tampered = await fetch(`${smq.endpoint}/queues/${QUEUE}/messages?peekonly=true&numOfMessages=2`, {
      headers,
    });
    expect(tampered.status).toBe(403);
  });

  it('a Content-MD5 that does not match the body is InvalidDegist', async () => {
    const answer = await call({
      method: 'POST',
      target: `/queues/${QUEUE}/messages`,
      body: MESSAGE_XML('hello'),
      contentMd5: Buffer.from('0'.repeat(32)).toString('base64'),
    });
    expect(answer.status).toBe(400);
    expect(errorCode(answer)).toBe('InvalidDegist');
  });

  it('an STS key needs its security-token', async () => {
    const base = {
      method: 'GET',
      target: `/queues/${QUEUE}`,
      accessKeyId: STS.accessKeyId,
      accessKeySecret: STS.accessKeySecret,
    };
    expect(errorCode(await call(base))).toBe('AccessDenied');
    expect(errorCode(await call({ ...base, override: { 'security-token': 'wrong' } }))).toBe('AccessDenied');
    expect((await call({ ...base, override: { 'security-token': STS.securityToken } })).status).toBe(200);
  });

  it('accepts any Host header (the account id is part of the real host name)', async () => {
    const answer = await call({
      method: 'GET',
      target: `/queues/${QUEUE}`,
      override: { host: '1234567890.mns.cn-shanghai.aliyuncs.com' },
    });
    expect(answer.status).toBe(200);
  });
});

describe('request validation', () => {
  it('malformed XML → 400 MalformedXML; wrong root → InvalidArgument', async () => {
    const bad = await call({
      method: 'POST',
      target: `/queues/${QUEUE}/messages`,
      body: '<Message><MessageBody>x</Message>',
    });
    expect(bad.status).toBe(400);
    expect(errorCode(bad)).toBe('MalformedXML');
    const root = await call({ method: 'POST', target: `/queues/${QUEUE}/messages`, body: '<Queue></Queue>' });
    expect(errorCode(root)).toBe('InvalidArgument');
  });

  it('an oversize body is refused before parsing with RequestTooLarge', async () => {
    const answer = await call({
      method: 'POST',
      target: `/queues/${QUEUE}/messages`,
      body: MESSAGE_XML('x'.repeat(MAX_REQUEST_BODY_BYTES)),
    });
    expect(answer.status).toBe(400);
    expect(errorCode(answer)).toBe('RequestTooLarge');
  });

  it('a body above MaximumMessageSize is MessageBodyInvalid', async () => {
    const answer = await call({
      method: 'POST',
      target: `/queues/${QUEUE}/messages`,
      body: MESSAGE_XML('x'.repeat(65537)),
    });
    expect(errorCode(answer)).toBe('MessageBodyInvalid');
  });

  it('numOfMessages 17 and waitseconds 31 are InvalidArgument', async () => {
    const many = await call({ method: 'GET', target: `/queues/${QUEUE}/messages?numOfMessages=17` });
    expect(many.status).toBe(400);
    expect(errorCode(many)).toBe('InvalidArgument');
    const long = await call({ method: 'GET', target: `/queues/${QUEUE}/messages?waitseconds=31` });
    expect(long.status).toBe(400);
    expect(errorCode(long)).toBe('InvalidArgument');
    const batch = `<?xml version="1.0"?><ReceiptHandles xmlns="http://mns.aliyuncs.com/doc/v1/">${'<ReceiptHandle>x</ReceiptHandle>'.repeat(17)}</ReceiptHandles>`;
    expect(
      errorCode(await call({ method: 'DELETE', target: `/queues/${QUEUE}/messages`, body: batch })),
    ).toBe('InvalidArgument');
  });

  it('missing ReceiptHandle / VisibilityTimeout have their own codes', async () => {
    const noHandle = await call({ method: 'PUT', target: `/queues/${QUEUE}/messages?VisibilityTimeout=5` });
    expect(errorCode(noHandle)).toBe('MissingReceiptHandle');
    const noTimeout = await call({ method: 'PUT', target: `/queues/${QUEUE}/messages?ReceiptHandle=rh-x` });
    expect(errorCode(noTimeout)).toBe('MissingVisibilityTimeout');
  });

  it('query names match case-insensitively (Python/Java spell them differently from Node)', async () => {
    await call({ method: 'POST', target: `/queues/${QUEUE}/messages`, body: MESSAGE_XML('case') });
    const received = await call({
      method: 'GET',
      target: `/queues/${QUEUE}/messages?NUMOFMESSAGES=1&WaitSeconds=1`,
    });
    expect(received.status).toBe(200);
    const handle = /<ReceiptHandle>([^<]+)</.exec(received.body)?.[1] ?? '';
    const changed = await call({
      method: 'PUT',
      target: `/queues/${QUEUE}/messages?ReceiptHandle=${handle}&VisibilityTimeout=10`,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toContain(
      '<ChangeVisibility xmlns="http://mns.aliyuncs.com/doc/v1/"><ReceiptHandle>',
    );
    const newHandle = /<ReceiptHandle>([^<]+)</.exec(changed.body)?.[1] ?? '';
    expect(
      (await call({ method: 'DELETE', target: `/queues/${QUEUE}/messages?receipthandle=${newHandle}` }))
        .status,
    ).toBe(204);
  });

  it('ListQueue: x-mns-with-meta adds attributes; the text "undefined" as prefix means none', async () => {
    const withMeta = await call({
      method: 'GET',
      target: '/queues',
      headers: { 'x-mns-with-meta': 'true', 'x-mns-ret-number': '1', 'x-mns-prefix': 'raw-' },
    });
    expect(withMeta.status).toBe(200);
    expect(withMeta.body).toContain(`<QueueName>${QUEUE}</QueueName>`);
    expect(withMeta.body).toContain('<ActiveMessages>');
    const undefinedPrefix = await call({
      method: 'GET',
      target: '/queues',
      headers: { 'x-mns-prefix': 'undefined', 'x-mns-ret-number': '1000' },
    });
    expect(undefinedPrefix.body).toContain(`/queues/${QUEUE}</QueueURL>`);
    const tooMany = await call({
      method: 'GET',
      target: '/queues',
      headers: { 'x-mns-ret-number': '1001' },
    });
    expect(errorCode(tooMany)).toBe('InvalidArgument');
  });

  it('an unknown path is InvalidRequestURL', async () => {
    const answer = await call({ method: 'GET', target: '/topics/x/y/z' });
    expect(errorCode(answer)).toBe('InvalidRequestURL');
  });
});

describe('document namespaces', () => {
  it('an Error document is in the namespace without the trailing slash; success documents keep it', async () => {
    const missing = await call({ method: 'GET', target: '/queues/no-such-queue' });
    expect(missing.status).toBe(404);
    expect(missing.body).toContain('<Error xmlns="http://mns.aliyuncs.com/doc/v1">');
    const found = await call({ method: 'GET', target: `/queues/${QUEUE}` });
    expect(found.body).toContain('<Queue xmlns="http://mns.aliyuncs.com/doc/v1/">');
  });
});
