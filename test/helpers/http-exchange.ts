import { request, type Agent } from 'node:http';

export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface Exchange {
  method: string;
  /** Path plus query, exactly as it goes on the wire. */
  target: string;
  headers: Record<string, string>;
  body: Buffer;
  agent?: Agent;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** One HTTP request with the bytes and headers given, and its whole answer as text. */
export function exchange(endpoint: string, options: Exchange): Promise<RawAnswer> {
  const url = new URL(endpoint);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        method: options.method,
        path: options.target,
        headers: { ...options.headers, 'content-length': String(options.body.length) },
        agent: options.agent,
        timeout: options.timeoutMs,
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
    if (options.timeoutMs !== undefined) {
      const limit = options.timeoutMs;
      req.on('timeout', () => req.destroy(new Error(`no answer within ${limit} ms`)));
    }
    req.on('error', reject);
    req.end(options.body);
  });
}
