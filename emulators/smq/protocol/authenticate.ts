import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from '../../common/clock';
import { SmqFault } from '../errors';
import { MAX_CLOCK_SKEW_MS } from '../limits';
import { contentMd5, sign, signaturesEqual } from './signature';

export interface SmqAccessKey {
  accessKeyId: string;
  accessKeySecret: string;
  /** When set, the key is an STS key: requests must carry this `security-token`. */
  securityToken?: string;
}

export interface AuthRequest {
  method: string;
  /** The request target exactly as received (req.url). */
  target: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

const AUTHORIZATION_PATTERN = /^MNS ([^:\s]+):(\S+)$/;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** Checks SMQ's signature over the headers and target as received; returns the key id. */
export function authenticate(
  request: AuthRequest,
  keys: ReadonlyMap<string, SmqAccessKey>,
  clock: Clock,
): string {
  const authorization = header(request.headers, 'authorization');
  if (authorization === undefined) throw new SmqFault('MissingAuthorizationHeader');
  const match = AUTHORIZATION_PATTERN.exec(authorization);
  if (!match) throw new SmqFault('InvalidAuthorizationHeader');
  const [, accessKeyId, signature] = match;

  const date = header(request.headers, 'date');
  if (date === undefined) throw new SmqFault('MissingDateHeader');
  const time = Date.parse(date);
  if (Number.isNaN(time))
    throw new SmqFault('InvalidDateHeader', `The Date header "${date}" is not a valid date.`);
  if (Math.abs(clock.now() - time) > MAX_CLOCK_SKEW_MS)
    throw new SmqFault(
      'TimeExpired',
      `The Date header "${date}" is more than 15 minutes from the server time.`,
    );

  const key = keys.get(accessKeyId);
  if (!key) throw new SmqFault('InvalidAccessKeyId', `The AccessKeyId ${accessKeyId} is not known.`);
  if (key.securityToken !== undefined && header(request.headers, 'security-token') !== key.securityToken)
    throw new SmqFault('AccessDenied', 'This key needs its security-token header.');

  const md5 = header(request.headers, 'content-md5') ?? '';
  if (md5 !== '' && md5 !== contentMd5(request.body)) throw new SmqFault('InvalidDegist');

  const headers: Record<string, string> = {};
  for (const name of Object.keys(request.headers)) headers[name] = header(request.headers, name) ?? '';
  const expected = sign(key.accessKeySecret, {
    method: request.method,
    contentMd5: md5,
    contentType: header(request.headers, 'content-type') ?? '',
    date,
    headers,
    resource: request.target,
  });
  if (!signaturesEqual(expected, signature)) throw new SmqFault('SignatureDoesNotMatch');
  return accessKeyId;
}
