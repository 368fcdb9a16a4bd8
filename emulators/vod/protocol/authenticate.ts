import { timingSafeEqual } from 'node:crypto';
import type { AccessKey } from '../../common/default-credentials';
import { invalidParameter, missingParameter, VOD_ERRORS, VodFault } from '../errors';
import { TIMESTAMP_WINDOW_MS, VOD_API_VERSION } from './limits';
import type { NonceMemory } from './nonce-memory';
import { signString, stringToSign } from './signature';

const TIMESTAMP_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z$/;

export function parseTimestamp(text: string): number | undefined {
  if (!TIMESTAMP_PATTERN.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

function required(params: ReadonlyMap<string, string>, name: string): string {
  const value = params.get(name);
  if (value === undefined || value === '') throw missingParameter(name);
  return value;
}

export interface AuthContext {
  keys: readonly AccessKey[];
  nonces: NonceMemory;
  now: number;
}

/** Checks the common parameters and the signature of one request; throws VodFault when refused. */
export function authenticate(method: string, params: ReadonlyMap<string, string>, ctx: AuthContext): void {
  const version = required(params, 'Version');
  if (version !== VOD_API_VERSION) throw invalidParameter('Version', `only ${VOD_API_VERSION} is served`);
  const accessKeyId = required(params, 'AccessKeyId');
  if (params.get('SignatureMethod') !== 'HMAC-SHA1')
    throw new VodFault('IncompleteSignature', 'SignatureMethod must be HMAC-SHA1.');
  if (params.get('SignatureVersion') !== '1.0')
    throw new VodFault('IncompleteSignature', 'SignatureVersion must be 1.0.');
  const nonce = required(params, 'SignatureNonce');
  const timestampText = required(params, 'Timestamp');
  const signature = required(params, 'Signature');

  const timestamp = parseTimestamp(timestampText);
  if (timestamp === undefined) throw new VodFault('InvalidTimeStamp.Format');
  if (Math.abs(ctx.now - timestamp) > TIMESTAMP_WINDOW_MS) throw new VodFault('InvalidTimeStamp.Expired');

  const key = ctx.keys.find((k) => k.accessKeyId === accessKeyId);
  if (!key) throw new VodFault('InvalidAccessKeyId.NotFound');
  const signed = stringToSign(method, params);
  const expected = Buffer.from(signString(signed, key.accessKeySecret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    // The gateway's wording, string to sign included after the one colon: the Python core SDK
    // splits the message on ':' and compares that part with its own string to sign.
    throw new VodFault(
      'SignatureDoesNotMatch',
      `${VOD_ERRORS.SignatureDoesNotMatch.message} server string to sign is:${signed}`,
    );
  }
  // Only a correctly signed request consumes its nonce, so garbage cannot block a client's nonces.
  if (!ctx.nonces.remember(nonce, ctx.now)) throw new VodFault('SignatureNonceUsed');
}
