import type { IncomingMessage, ServerResponse } from 'node:http';
import { VodFault } from '../errors';
import { mergeFaults } from '../engine/faults';
import type { AuditSuggestion } from '../engine/types';
import type { VodEngine } from '../engine/vod-engine';
import type { ApiStats } from './api-stats';
import { readBody } from './read-request';

// Emulator-only controls under /__admin, reachable from loopback only.
export const ADMIN_PREFIX = '/__admin/';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function jsonBody(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  if (text.trim() === '') return {};
  return JSON.parse(text) as unknown;
}

const SUGGESTIONS: readonly (AuditSuggestion | null)[] = ['pass', 'review', 'block', null];

export async function handleAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  deps: { engine: VodEngine; stats: ApiStats },
): Promise<void> {
  if (!LOOPBACK.has(req.socket.remoteAddress ?? ''))
    return send(res, 403, { error: 'admin is loopback-only' });
  const { engine, stats } = deps;
  const parts = url.pathname.slice(ADMIN_PREFIX.length).split('/').filter(Boolean);
  const route = `${req.method ?? 'GET'} ${parts[0] ?? ''}${parts[2] ? `/:id/${parts[2]}` : parts[1] ? '/:id' : ''}`;
  try {
    switch (route) {
      case 'POST videos/:id/complete-upload': {
        const body = (await jsonBody(req)) as { fileSize?: unknown };
        const fileSize = typeof body.fileSize === 'number' ? body.fileSize : undefined;
        const video = engine.completeUpload(parts[1], fileSize);
        return send(res, 200, { videoId: video.videoId, status: video.status });
      }
      case 'PUT videos/:id/audit-suggestion': {
        const body = (await jsonBody(req)) as { suggestion?: unknown };
        const suggestion = body.suggestion ?? null;
        if (!SUGGESTIONS.includes(suggestion as AuditSuggestion | null)) {
          return send(res, 400, { error: 'suggestion must be pass, review, block or null' });
        }
        engine.setAuditSuggestion(parts[1], (suggestion ?? undefined) as AuditSuggestion | undefined);
        return send(res, 200, { videoId: parts[1], suggestion });
      }
      case 'PUT videos/:id/creation-time': {
        const body = (await jsonBody(req)) as { creationTime?: unknown };
        const time = typeof body.creationTime === 'string' ? Date.parse(body.creationTime) : NaN;
        if (Number.isNaN(time)) return send(res, 400, { error: 'creationTime must be an ISO 8601 time' });
        engine.setCreationTime(parts[1], time);
        return send(res, 200, { videoId: parts[1], creationTime: new Date(time).toISOString() });
      }
      case 'GET videos/:id':
        return send(res, 200, engine.video(parts[1]));
      case 'GET ledger/:id':
        return send(res, 200, {
          mediaId: parts[1],
          events: engine.log.ledger.of(parts[1]),
          jobs: engine.jobCountsOf(parts[1]),
        });
      case 'GET events':
        return send(res, 200, {
          counters: engine.log.counters,
          droppedByType: engine.log.droppedByType,
          written: engine.log.written(),
          dropped: engine.log.dropped(),
        });
      case 'GET stats':
        return send(res, 200, {
          calls: stats.calls,
          regions: stats.regions,
          throttled: stats.throttled,
          refused: stats.refused,
          pendingWork: engine.pendingWork,
        });
      case 'DELETE stats':
        stats.reset();
        return send(res, 200, {});
      case 'GET faults':
        return send(res, 200, engine.faults.faults);
      case 'PUT faults':
        engine.faults.faults = mergeFaults(engine.faults.faults, await jsonBody(req));
        return send(res, 200, engine.faults.faults);
      case 'POST settle':
        await engine.settled();
        return send(res, 200, { pendingWork: engine.pendingWork });
      default:
        return send(res, 404, { error: `no admin route ${route}` });
    }
  } catch (error) {
    if (error instanceof VodFault) return send(res, error.status, { error: error.message, code: error.code });
    if (error instanceof RangeError || error instanceof SyntaxError)
      return send(res, 400, { error: error.message });
    throw error;
  }
}
