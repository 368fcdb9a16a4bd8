import { createHmac } from 'node:crypto';

// Signature v1 of the POP RPC protocol.

/** RFC 3986 percent-encoding: only A–Z a–z 0–9 - _ . ~ stay as they are. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The canonicalized query string: every parameter but Signature, sorted by name in byte order. */
export function canonicalize(params: ReadonlyMap<string, string>): string {
  return [...params.entries()]
    .filter(([name]) => name !== 'Signature')
    .sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join('&');
}

export function stringToSign(method: string, params: ReadonlyMap<string, string>): string {
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonicalize(params))}`;
}

export function signString(text: string, accessKeySecret: string): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(text).digest('base64');
}

export function signRpc(
  method: string,
  params: ReadonlyMap<string, string>,
  accessKeySecret: string,
): string {
  return signString(stringToSign(method, params), accessKeySecret);
}
