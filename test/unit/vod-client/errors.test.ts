import { isTransientKind, kindOfApiError, VodApiError } from '../../../clients/vod';
import { redact, transportError } from '../../../clients/vod/errors';

describe('kindOfApiError', () => {
  it.each([
    ['Throttling', 400, 'throttled', true],
    ['Throttling.User', 400, 'throttled', true],
    ['Throttling.Api', 429, 'throttled', true],
    ['ServiceUnavailable', 503, 'unavailable', true],
    ['ServiceUnAvailable', 503, 'unavailable', true],
    ['InternalError', 500, 'unavailable', true],
    ['SignatureNonceUsed', 400, 'unavailable', true],
    ['SomethingNew', 502, 'unavailable', true],
    ['SomethingNew', 429, 'throttled', true],
    ['InvalidParameter', 400, 'invalid-request', false],
    ['InvalidParameter.TemplateGroupId', 400, 'invalid-request', false],
    ['MissingVideoId', 400, 'invalid-request', false],
    ['MissingParameter', 400, 'invalid-request', false],
    ['InvalidVideo.NotFound', 404, 'not-found', false],
    ['NoSuchResource', 404, 'not-found', false],
    ['Forbidden', 403, 'forbidden', false],
    ['Forbidden.RAM', 403, 'forbidden', false],
    ['OperationDenied.Suspended', 403, 'forbidden', false],
    ['Forbidden.IllegalStatus', 400, 'illegal-status', false],
    ['SignatureDoesNotMatch', 400, 'auth', false],
    ['IncompleteSignature', 400, 'auth', false],
    ['InvalidAccessKeyId.NotFound', 404, 'auth', false],
    ['InvalidTimeStamp.Expired', 400, 'auth', false],
    ['SomethingNew', 400, 'invalid-request', false],
    ['SomethingNew', undefined, 'unknown', false],
  ] as const)('%s (HTTP %s) is %s, transient=%s', (code, status, kind, transient) => {
    expect(kindOfApiError(code, status)).toBe(kind);
    expect(isTransientKind(kindOfApiError(code, status))).toBe(transient);
  });
});

describe('transportError', () => {
  function nodeError(code: string, message: string): Error {
    return Object.assign(new Error(message), { code });
  }

  it.each(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH'])(
    '%s is a transient network error',
    (code) => {
      const error = transportError('GetVideoInfo', nodeError(code, `connect ${code} 127.0.0.1:1`));
      expect(error).toBeInstanceOf(VodApiError);
      expect(error).toMatchObject({ kind: 'network', transient: true, code, action: 'GetVideoInfo' });
    },
  );

  it("keeps the socket's message readable: pop-core glues its request line onto it", () => {
    const glued = nodeError(
      'ECONNREFUSED',
      'connect ECONNREFUSED 127.0.0.1:1POST http://127.0.0.1:1/?Action=SetMessageCallback failed.',
    );
    expect(transportError('SetMessageCallback', glued).message).toBe(
      'SetMessageCallback failed: ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1',
    );
  });

  it('treats pop-core timeouts as transient', () => {
    const timeout = Object.assign(new Error('ReadTimeout(10)'), { name: 'RequestTimeoutError' });
    expect(transportError('SubmitAIJob', timeout)).toMatchObject({ kind: 'timeout', transient: true });
  });

  it('treats an answer that is not JSON as transient', () => {
    expect(transportError('GetVideoInfo', new SyntaxError('Unexpected token <'))).toMatchObject({
      kind: 'invalid-response',
      transient: true,
    });
  });

  it('treats anything else as permanent', () => {
    expect(transportError('GetVideoInfo', new TypeError('boom'))).toMatchObject({
      kind: 'unknown',
      transient: false,
    });
  });

  it('never repeats a URL or credentials from the underlying error', () => {
    const leaky = new Error(
      'connect ECONNREFUSED. POST http://vod.test/?AccessKeyId=LTAIsecretid&Signature=abc%3D failed.',
    );
    const error = transportError('GetVideoInfo', Object.assign(leaky, { code: 'ECONNREFUSED' }));
    expect(error.message).not.toMatch(/LTAIsecretid|abc%3D|vod\.test/);
  });
});

describe('redact', () => {
  it('removes URLs and credential parameters', () => {
    expect(redact('see https://a.b/c?x=1, AccessKeyId=abc&SecurityToken=tok Signature=s')).toBe(
      'see <url>, AccessKeyId=<redacted>&SecurityToken=<redacted> Signature=<redacted>',
    );
  });
});
