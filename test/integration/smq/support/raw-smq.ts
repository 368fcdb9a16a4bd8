import { request } from 'node:http';
import { contentMd5, sign } from '../../../../emulators/smq/protocol/signature';

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

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
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
  const url = new URL(endpoint);
  const body = Buffer.from(options.body ?? '', 'utf8');
  const headers = { ...signedHeaders(options), 'content-length': String(body.length) };
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: options.method,
        path: options.target,
        headers,
        signal: options.signal,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export const MESSAGE_XML = (body: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><Message xmlns="http://mns.aliyuncs.com/doc/v1/"><MessageBody>${body}</MessageBody></Message>`;
