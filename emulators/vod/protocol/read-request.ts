import type { IncomingMessage } from 'node:http';
import { VodFault } from '../errors';
import { MAX_REQUEST_BODY_BYTES } from './limits';

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_REQUEST_BODY_BYTES)
      throw new VodFault('InvalidParameter', 'The request body is too large.');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** All RPC parameters of a request: the query string, plus a form body on POST. */
export function rpcParams(
  url: URL,
  method: string,
  contentType: string | undefined,
  body: string,
): Map<string, string> {
  const params = new Map<string, string>(url.searchParams);
  if (method === 'POST' && body !== '') {
    if (!(contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      throw new VodFault('InvalidParameter', 'POST bodies must be application/x-www-form-urlencoded.');
    }
    for (const [name, value] of new URLSearchParams(body)) params.set(name, value);
  }
  return params;
}
