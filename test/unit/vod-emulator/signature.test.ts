import { authenticate, parseTimestamp } from '../../../emulators/vod/protocol/authenticate';
import { NonceMemory } from '../../../emulators/vod/protocol/nonce-memory';
import { canonicalize, percentEncode, signRpc } from '../../../emulators/vod/protocol/signature';
import { type VodFault } from '../../../emulators/vod/errors';

const VECTOR = new Map(
  Object.entries({
    AccessKeyId: 'testAccessKeyId',
    Action: 'GetVideoPlayAuth',
    Format: 'JSON',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '8f8a035d-6496-4268-afd4-67c22837e38d',
    SignatureVersion: '1.0',
    Timestamp: '2017-10-10T12:02:54Z',
    Version: '2017-03-21',
    VideoId: '5aed81b74ba84920be578cdfe004af4b',
  }),
);

describe('signature v1', () => {
  test('matches the documented test vector', () => {
    expect(signRpc('GET', VECTOR, 'testAccessKeySecret')).toBe('Ibgh7y8Vp47LBuAsf5Xhi1SvDss=');
  });

  test('percent-encodes per RFC 3986', () => {
    expect(percentEncode("a b*c~d!'()")).toBe('a%20b%2Ac~d%21%27%28%29');
    expect(percentEncode('é')).toBe('%C3%A9');
  });

  test('canonicalizes in byte order without the Signature', () => {
    const params = new Map([
      ['b', '2'],
      ['Signature', 'x'],
      ['a', '1'],
      ['B', '3'],
    ]);
    expect(canonicalize(params)).toBe('B=3&a=1&b=2');
  });
});

describe('authenticate', () => {
  const keys = [{ accessKeyId: 'testAccessKeyId', accessKeySecret: 'testAccessKeySecret' }];
  const now = Date.parse('2017-10-10T12:05:00Z');
  const signed = (): Map<string, string> => {
    const params = new Map(VECTOR);
    params.set('Version', '2017-03-21');
    params.set('Signature', signRpc('GET', params, 'testAccessKeySecret'));
    return params;
  };
  const codeOf = (run: () => void): string => {
    try {
      run();
    } catch (error) {
      return (error as VodFault).code;
    }
    return 'accepted';
  };

  test('accepts a signed request once, refuses its nonce after', () => {
    const nonces = new NonceMemory();
    expect(codeOf(() => authenticate('GET', signed(), { keys, nonces, now }))).toBe('accepted');
    expect(codeOf(() => authenticate('GET', signed(), { keys, nonces, now }))).toBe('SignatureNonceUsed');
  });

  test('the method is part of the signature', () => {
    expect(codeOf(() => authenticate('POST', signed(), { keys, nonces: new NonceMemory(), now }))).toBe(
      'SignatureDoesNotMatch',
    );
  });

  test('the timestamp window is 15 minutes each way', () => {
    const window = 15 * 60 * 1000;
    const at = Date.parse('2017-10-10T12:02:54Z');
    expect(
      codeOf(() => authenticate('GET', signed(), { keys, nonces: new NonceMemory(), now: at + window })),
    ).toBe('accepted');
    expect(
      codeOf(() =>
        authenticate('GET', signed(), { keys, nonces: new NonceMemory(), now: at + window + 1000 }),
      ),
    ).toBe('InvalidTimeStamp.Expired');
    expect(
      codeOf(() =>
        authenticate('GET', signed(), { keys, nonces: new NonceMemory(), now: at - window - 1000 }),
      ),
    ).toBe('InvalidTimeStamp.Expired');
  });

  test('parses only UTC ISO timestamps', () => {
    expect(parseTimestamp('2017-10-10T12:02:54Z')).toBe(Date.UTC(2017, 9, 10, 12, 2, 54));
    expect(parseTimestamp('2017-10-10 12:02:54')).toBeUndefined();
    expect(parseTimestamp('2017-13-40T12:02:54Z')).toBeUndefined();
  });

  test('forgets nonces once their requests could no longer be accepted', () => {
    const nonces = new NonceMemory();
    expect(nonces.remember('n', 0)).toBe(true);
    expect(nonces.remember('n', 29 * 60 * 1000)).toBe(false);
    expect(nonces.remember('n', 31 * 60 * 1000)).toBe(true);
  });
});
