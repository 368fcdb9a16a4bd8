import { randomUUID } from 'node:crypto';
import RPCClient from '@alicloud/pop-core';
import { signRpc } from '../../../emulators/vod/protocol/signature';
import { popFailure, startVodStack, type VodStack } from './support/vod-stack';

// The RPC protocol through @alicloud/pop-core over real HTTP, and hand-signed requests for the
// cases the SDK would never produce (replayed nonce, stale timestamp).

let stack: VodStack;
beforeAll(async () => {
  stack = await startVodStack();
});
afterAll(() => stack.close());

function signedUrl(params: Record<string, string>, secret: string): string {
  const map = new Map(Object.entries(params));
  map.set('Signature', signRpc('GET', map, secret));
  return `${stack.vod.endpoint}/?${new URLSearchParams([...map.entries()]).toString()}`;
}

function commonParams(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    Action: 'GetMessageCallback',
    Version: '2017-03-21',
    Format: 'JSON',
    AccessKeyId: stack.vod.accessKeyId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureVersion: '1.0',
    SignatureNonce: randomUUID(),
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    ...overrides,
  };
}

describe('VOD RPC protocol', () => {
  test('GET and POST requests both answer JSON with a RequestId', async () => {
    const viaGet = await stack.call<{ RequestId: string }>('GetMessageCallback', {}, 'GET');
    const viaPost = await stack.call<{ RequestId: string }>('GetMessageCallback', {}, 'POST');
    expect(viaGet.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(viaPost.RequestId).not.toBe(viaGet.RequestId);
  });

  test('a wrong secret is SignatureDoesNotMatch (400)', async () => {
    const wrong = new RPCClient({
      endpoint: stack.vod.endpoint,
      apiVersion: '2017-03-21',
      accessKeyId: stack.vod.accessKeyId,
      accessKeySecret: 'not-the-secret',
    });
    const failure = await popFailure(wrong.request('GetMessageCallback', {}, { method: 'POST' }));
    expect(failure.code).toBe('SignatureDoesNotMatch');
    expect(failure.entry.response.statusCode).toBe(400);
    expect(Object.keys(failure.data).sort()).toEqual(['Code', 'HostId', 'Message', 'Recommend', 'RequestId']);
    expect(failure.data.RequestId).toMatch(/^[0-9A-F-]{36}$/);
    // Clients (the Python core SDK) read the server's string to sign after the message's one colon.
    const [text, signed, ...rest] = String(failure.data.Message).split(':');
    expect(text).toBe('Specified signature is not matched with our calculation. server string to sign is');
    expect(rest).toEqual([]);
    expect(signed).toMatch(/^POST&%2F&AccessKeyId%3D.*Action%3DGetMessageCallback/);
  });

  test('an unknown AccessKeyId is InvalidAccessKeyId.NotFound', async () => {
    const stranger = new RPCClient({
      endpoint: stack.vod.endpoint,
      apiVersion: '2017-03-21',
      accessKeyId: 'someone-else',
      accessKeySecret: stack.vod.accessKeySecret,
    });
    const failure = await popFailure(stranger.request('GetMessageCallback', {}, {}));
    expect(failure.code).toBe('InvalidAccessKeyId.NotFound');
  });

  test('a reused nonce is refused even with a valid signature', async () => {
    const url = signedUrl(commonParams(), stack.vod.accessKeySecret);
    const first = await fetch(url);
    expect(first.status).toBe(200);
    const replay = await fetch(url);
    expect(replay.status).toBe(400);
    expect(((await replay.json()) as { Code: string }).Code).toBe('SignatureNonceUsed');
  });

  test('a timestamp 16 minutes old is InvalidTimeStamp.Expired; a malformed one is .Format', async () => {
    const stale = new Date(Date.now() - 16 * 60 * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const expired = await fetch(signedUrl(commonParams({ Timestamp: stale }), stack.vod.accessKeySecret));
    expect(expired.status).toBe(400);
    expect(((await expired.json()) as { Code: string }).Code).toBe('InvalidTimeStamp.Expired');
    const malformed = await fetch(
      signedUrl(commonParams({ Timestamp: '25/11/2026' }), stack.vod.accessKeySecret),
    );
    expect(((await malformed.json()) as { Code: string }).Code).toBe('InvalidTimeStamp.Format');
  });

  test('missing common parameters, unknown actions and missing action parameters', async () => {
    const params = commonParams();
    delete params.SignatureNonce;
    const noNonce = await fetch(signedUrl(params, stack.vod.accessKeySecret));
    expect(((await noNonce.json()) as { Code: string }).Code).toBe('MissingParameter');

    const unknown = await popFailure(stack.call('LaunchRocket'));
    expect(unknown.code).toBe('InvalidAction.NotFound');
    expect(unknown.entry.response.statusCode).toBe(404);
    // Names every JavaScript object has are not actions either.
    for (const inherited of ['valueOf', 'constructor', 'hasOwnProperty', '__proto__'])
      expect((await popFailure(stack.call(inherited))).code).toBe('InvalidAction.NotFound');

    const noVideo = await popFailure(stack.call('GetVideoInfo'));
    expect(noVideo.code).toBe('MissingParameter');
    expect(noVideo.message).toContain('VideoId');
  });

  test('Format=XML, and no Format at all, answer XML: <ActionResponse>, or <Error> when refused', async () => {
    const params = commonParams({ Format: 'XML' });
    const asked = await fetch(signedUrl(params, stack.vod.accessKeySecret));
    expect(asked.status).toBe(200);
    expect(asked.headers.get('content-type')).toBe('text/xml;charset=utf-8');
    expect(await asked.text()).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?><GetMessageCallbackResponse><RequestId>[0-9A-F-]{36}<\/RequestId><\/GetMessageCallbackResponse>$/,
    );
    const { Format: _json, ...withoutFormat } = commonParams();
    const byDefault = await fetch(signedUrl(withoutFormat, stack.vod.accessKeySecret));
    expect(await byDefault.text()).toContain('<GetMessageCallbackResponse>');
    const refused = await fetch(signedUrl(commonParams({ Format: 'XML' }), 'wrong-secret'));
    expect(refused.status).toBe(400);
    expect(await refused.text()).toMatch(
      /^<\?xml[^>]*\?><Error><RequestId>.*<Code>SignatureDoesNotMatch<\/Code>/,
    );
  });
});
