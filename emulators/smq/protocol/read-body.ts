import type { IncomingMessage } from 'node:http';
import { SmqFault } from '../errors';

/**
 * Reads a request body, refusing it as soon as it is known to be larger than `limit` (from
 * Content-Length before reading, or while streaming), so an oversize body is never buffered whole.
 */
export async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? '0');
  if (declared > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw tooLarge(limit);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function tooLarge(limit: number): SmqFault {
  return new SmqFault('RequestTooLarge', `The request body is larger than ${limit} bytes.`);
}
