import type { IncomingMessage, ServerResponse } from 'node:http';
import type { SmqEngine } from '../engine/smq-engine';
import type { FaultInjector, SmqFaults } from '../faults';
import { readBody } from './read-body';

// The inspection and fault-control API under /__admin/: JSON, unsigned, loopback callers only.
// Reading messages here never touches their visibility.

export const ADMIN_PREFIX = '/__admin/';
const MAX_ADMIN_BODY_BYTES = 64 * 1024;

export interface AdminDeps {
  engine: SmqEngine;
  faults: FaultInjector;
  requestCounts: () => Record<string, number>;
  /** Authenticated requests per access key id (tests of credential renewal read it). */
  keyCounts: () => Record<string, number>;
}

function isLoopback(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

function json(response: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(body);
}

export async function handleAdmin(
  request: IncomingMessage,
  response: ServerResponse,
  deps: AdminDeps,
): Promise<void> {
  if (!isLoopback(request.socket.remoteAddress))
    return json(response, 403, { error: 'admin is loopback only' });
  const url = new URL(request.url ?? '/', 'http://admin');
  const parts = url.pathname.slice(ADMIN_PREFIX.length).split('/').filter(Boolean).map(decodeURIComponent);
  const method = request.method ?? 'GET';
  try {
    if (method === 'GET' && parts.length === 1 && parts[0] === 'queues') {
      const queues = deps.engine.queueNames().map((name) => {
        const { info, counters } = deps.engine.getQueue(name);
        return { name, attributes: info.attributes, ...counters };
      });
      return json(response, 200, { queues });
    }
    if (method === 'GET' && parts.length === 3 && parts[0] === 'queues' && parts[2] === 'messages') {
      const now = deps.engine.clock.now();
      const messages = deps.engine.inspect(parts[1]).map((message) => ({
        messageId: message.id,
        state: message.state,
        body: message.body,
        priority: message.priority,
        dequeueCount: message.dequeueCount,
        enqueueTime: message.enqueueTime,
        firstDequeueTime: message.firstDequeueTime,
        visibleAt: message.visibleAt,
        receiptHandle: message.receiptHandle,
        visibleInMs: Math.max(0, message.visibleAt - now),
      }));
      return json(response, 200, { messages });
    }
    if (method === 'GET' && parts.length === 1 && parts[0] === 'stats')
      return json(response, 200, {
        engine: deps.engine.stats,
        requests: deps.requestCounts(),
        accessKeys: deps.keyCounts(),
        faults: deps.faults.counts,
      });
    if (parts.length === 1 && parts[0] === 'faults') {
      if (method === 'GET') return json(response, 200, deps.faults.current);
      if (method === 'PUT') {
        const body = await readBody(request, MAX_ADMIN_BODY_BYTES);
        const { seed, ...change } = JSON.parse(body.toString('utf8') || '{}') as Partial<SmqFaults> & {
          seed?: number;
        };
        deps.faults.configure(change, seed);
        return json(response, 200, deps.faults.current);
      }
      if (method === 'DELETE') {
        deps.faults.reset(Number(url.searchParams.get('seed') ?? '') || undefined);
        return json(response, 200, deps.faults.current);
      }
    }
    return json(response, 404, { error: `no admin route ${method} ${url.pathname}` });
  } catch (error) {
    return json(response, 400, { error: (error as Error).message });
  }
}
