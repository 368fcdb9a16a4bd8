import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createVodClient } from '../../../clients/vod';
import { vodApiFailure } from '../../helpers/vod-api-failure';

// The transport over the real @alicloud/pop-core, against a scripted loopback HTTP stub (not an
// emulator: it only records requests and returns canned answers).

interface Recorded {
  method: string;
  url: string;
  form: URLSearchParams;
}

type Reply = (res: ServerResponse) => void;

function json(status: number, body: unknown): Reply {
  return (res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
}

let server: Server;
let endpoint: string;
const recorded: Recorded[] = [];
let nextReply: Reply = json(200, { RequestId: 'r' });

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      recorded.push({
        method: req.method ?? '',
        url: req.url ?? '',
        form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')),
      });
      nextReply(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  recorded.length = 0;
});

function vod(timeoutMs = 2000) {
  return createVodClient({
    accessKeyId: 'AKID-test',
    accessKeySecret: 'SECRET-test',
    securityToken: 'STS-token',
    region: 'cn-shanghai',
    endpoint,
    timeoutMs,
  });
}

describe('pop-core transport', () => {
  it('POSTs a signed form with the credentials in the body, not the URL', async () => {
    nextReply = json(200, { RequestId: 'r1', Video: { VideoId: 'v1', Status: 'Normal' } });
    const answer = await vod().getVideoInfo({ VideoId: 'v1' });
    expect(answer.Video.Status).toBe('Normal');
    const [request] = recorded;
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/');
    const form = request?.form;
    expect(form?.get('Action')).toBe('GetVideoInfo');
    expect(form?.get('Version')).toBe('2017-03-21');
    expect(form?.get('VideoId')).toBe('v1');
    expect(form?.get('AccessKeyId')).toBe('AKID-test');
    expect(form?.get('SecurityToken')).toBe('STS-token');
    expect(form?.get('SignatureMethod')).toBe('HMAC-SHA1');
    expect(form?.get('Signature')).toEqual(expect.any(String));
  });

  it('asks a credentials provider before every request', async () => {
    nextReply = json(200, { RequestId: 'r', MessageCallback: {} });
    let calls = 0;
    const rotating = createVodClient({
      credentialsProvider: {
        getCredentials: () => {
          calls += 1;
          return Promise.resolve({
            accessKeyId: `AKID-${calls}`,
            accessKeySecret: 'S',
            securityToken: `T-${calls}`,
          });
        },
      },
      region: 'cn-shanghai',
      endpoint,
    });
    await rotating.getMessageCallback();
    await rotating.getMessageCallback();
    expect(recorded.map((r) => [r.form.get('AccessKeyId'), r.form.get('SecurityToken')])).toEqual([
      ['AKID-1', 'T-1'],
      ['AKID-2', 'T-2'],
    ]);
  });

  it('reports an error answer with its HTTP status, code and request id', async () => {
    nextReply = json(503, { RequestId: 'r2', Code: 'ServiceUnavailable', Message: 'try later' });
    const error = await vodApiFailure(vod().submitSnapshotJob({ VideoId: 'v1', Count: 1 }));
    expect(error).toMatchObject({
      code: 'ServiceUnavailable',
      httpStatus: 503,
      requestId: 'r2',
      transient: true,
    });
    expect(error.message).not.toMatch(/AKID-test|SECRET-test|STS-token|127\.0\.0\.1/);
  });

  it('reports an HTTP error without Code', async () => {
    nextReply = json(502, { RequestId: 'r3' });
    expect(await vodApiFailure(vod().getVideoInfo({ VideoId: 'v' }))).toMatchObject({
      httpStatus: 502,
      transient: true,
    });
  });

  it('treats a gateway page that is not JSON as transient', async () => {
    nextReply = (res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>bad gateway</html>');
    };
    expect(await vodApiFailure(vod().getVideoInfo({ VideoId: 'v' }))).toMatchObject({
      kind: 'invalid-response',
      transient: true,
    });
  });

  it('times out a request that gets no answer, as transient', async () => {
    nextReply = () => undefined;
    const error = await vodApiFailure(vod(150).getVideoInfo({ VideoId: 'v' }));
    expect(error).toMatchObject({ kind: 'timeout', transient: true });
    expect(error.message).not.toMatch(/AKID-test|STS-token/);
  });

  it('reports a refused connection as a transient network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const client = createVodClient({
      accessKeyId: 'AKID-test',
      accessKeySecret: 'SECRET-test',
      region: 'cn-shanghai',
      endpoint: `http://127.0.0.1:${port}`,
      timeoutMs: 2000,
    });
    expect(await vodApiFailure(client.getVideoInfo({ VideoId: 'v' }))).toMatchObject({
      kind: 'network',
      code: 'ECONNREFUSED',
      transient: true,
    });
  });

  it('keeps integers beyond 2^53 exact as text where no number is expected', async () => {
    nextReply = (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        '{"RequestId":"r4","Video":{"VideoId":"v","Status":"Normal","Serial":12345678901234567890,"CateId":42}}',
      );
    };
    const answer = await vod().getVideoInfo({ VideoId: 'v' });
    expect(answer.Video.Serial).toBe('12345678901234567890');
    expect(answer.Video.CateId).toBe(42);
  });
});
