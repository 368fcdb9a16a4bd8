import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface SignedParts {
  method: string;
  contentMd5: string;
  contentType: string;
  date: string;
  /** Header names lower-cased, as received. */
  headers: Record<string, string>;
  /** The request target exactly as sent: path plus "?query" when there is one. */
  resource: string;
}

/** SMQ's StringToSign, as the official SDKs build it (Node `lib/client.js`, Python `mns_client.py`). */
export function stringToSign(parts: SignedParts): string {
  const mnsHeaders = Object.keys(parts.headers)
    .filter((name) => name.startsWith('x-mns-'))
    .sort()
    .map((name) => `${name}:${parts.headers[name]}\n`)
    .join('');
  return `${parts.method}\n${parts.contentMd5}\n${parts.contentType}\n${parts.date}\n${mnsHeaders}${parts.resource}`;
}

export function sign(secret: string, parts: SignedParts): string {
  return createHmac('sha1', secret).update(stringToSign(parts), 'utf8').digest('base64');
}

export function signaturesEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** SMQ's Content-MD5: Base64 of the lower-case hex digest, not of the raw digest bytes. */
export function contentMd5(body: Buffer | string): string {
  const hex = createHash('md5').update(body).digest('hex');
  return Buffer.from(hex, 'utf8').toString('base64');
}
