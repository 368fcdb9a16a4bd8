import { contentMd5, sign } from '../../../../emulators/smq/protocol/signature';
import { exchange, type RawAnswer } from '../../../helpers/http-exchange';

export type { RawAnswer };

// Hand-signed HTTP requests for what the SDK cannot send (bad signatures, stale dates, bad MD5...).

export interface RawRequest {
  method: string;
  /** Path plus query, exactly as it goes on the wire and into the signature. */
  target: string;
  body?: string;
  accessKeyId: string;
  accessKeySecret: string;
  date?: Date;
  /** Extra headers, signed like the others (x-mns-* ones enter the signature). */
  headers?: Record<string, string>;
  /** Replace or drop (undefined) headers after signing. */
  override?: Record<string, string | undefined>;
  contentMd5?: string;
  signal?: AbortSignal;
}

export function errorCode(answer: RawAnswer): string | undefined {
  return /<Code>([^<]+)<\/Code>/.exec(answer.body)?.[1];
}

export function signedHeaders(options: RawRequest): Record<string, string> {
  const date = (options.date ?? new Date()).toUTCString();
  const headers: Record<string, string> = {
    date,
    'x-mns-version': '2015-06-06',
    'x-mns-date': date,
    ...options.headers,
  };
  const body = options.body ?? '';
  if (options.method !== 'GET') {
    headers['content-type'] = 'text/xml';
    headers['content-md5'] = options.contentMd5 ?? contentMd5(body);
  }
  const signature = sign(options.accessKeySecret, {
    method: options.method,
    contentMd5: headers['content-md5'] ?? '',
    contentType: headers['content-type'] ?? '',
    date,
    headers,
    resource: options.target,
  });
  headers.authorization = `MNS ${options.accessKeyId}:${signature}`;
  for (const [name, value] of Object.entries(options.override ?? {})) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  return headers;
}

export function rawRequest(endpoint: string, options: RawRequest): Promise<RawAnswer> {
  const body = Buffer.from(options.body ?? '', 'utf8');
  return exchange(endpoint, {
    method: options.method,
    target: options.target,
    headers: signedHeaders(options),
    body,
    signal: options.signal,
  });
}

export const MESSAGE_XML = (body: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><Message xmlns="http://mns.aliyuncs.com/doc/v1/"><MessageBody>${body}</MessageBody></Message>`;
