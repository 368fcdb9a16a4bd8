import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { systemClock, type Clock } from '../common/clock';
import { DEFAULT_ACCESS_KEY, type AccessKey } from '../common/default-credentials';
import { errorBody, VodFault } from './errors';
import { MnsQueueWriter, type EventQueueWriter } from './delivery/queue-writer';
import { newRequestId } from './engine/ids';
import { VodEngine, type VodEngineOptions } from './engine/vod-engine';
import { ACTIONS } from './protocol/actions';
import { ADMIN_PREFIX, handleAdmin } from './protocol/admin';
import { ApiStats } from './protocol/api-stats';
import { authenticate } from './protocol/authenticate';
import { DEFAULT_REGION_ID } from './protocol/limits';
import { NonceMemory } from './protocol/nonce-memory';
import { ActionParams } from './protocol/param-readers';
import { readBody, rpcParams } from './protocol/read-request';

export interface VodEmulatorOptions extends Omit<VodEngineOptions, 'clock' | 'writer'> {
  clock?: Clock;
  /** Keys API callers may sign with (default: the shared local key). */
  accessKeys?: AccessKey[];
  /** Keys the emulator writes to SMQ with (default: the shared local key). */
  smqCredentials?: AccessKey;
  /** Replaces the SMQ writer (default: @alicloud/mns over HTTP). */
  writer?: EventQueueWriter;
  /** Region of requests that carry no RegionId (pop-core sends none unless asked). */
  regionId?: string;
  /** Host reported in error bodies. */
  hostId?: string;
}

export interface VodEmulator {
  server: Server;
  engine: VodEngine;
  stats: ApiStats;
  /** Cancels pending simulations, retries and timers. Closing the listener is the caller's. */
  stop(): Promise<void>;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json;charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Builds the emulator's HTTP server without listening. */
export function buildVodEmulator(opts: VodEmulatorOptions = {}): VodEmulator {
  const clock = opts.clock ?? systemClock;
  const keys = opts.accessKeys ?? [DEFAULT_ACCESS_KEY];
  const hostId = opts.hostId ?? 'vod.emulator.local';
  const writer = opts.writer ?? new MnsQueueWriter(opts.smqCredentials ?? DEFAULT_ACCESS_KEY);
  const engine = new VodEngine({ ...opts, clock, writer });
  const stats = new ApiStats();
  const nonces = new NonceMemory();

  async function handleRpc(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const requestId = newRequestId();
    const method = (req.method ?? 'GET').toUpperCase();
    let action = 'unknown';
    try {
      if (method !== 'GET' && method !== 'POST')
        throw new VodFault('InvalidParameter', `HTTP method ${method} is not supported.`);
      const params = rpcParams(url, method, req.headers['content-type'], await readBody(req));
      action = params.get('Action') ?? 'unknown';
      if (!params.get('Action'))
        throw new VodFault('MissingParameter', 'The input parameter "Action" is not supplied.');
      authenticate(method, params, { keys, nonces, now: clock.now() });
      stats.count(stats.calls, action);
      // Own keys only: `valueOf` or `constructor` must not resolve to Object.prototype's functions.
      const handler = Object.hasOwn(ACTIONS, action) ? ACTIONS[action] : undefined;
      if (!handler) throw new VodFault('InvalidAction.NotFound');
      if (engine.faults.throttles()) {
        stats.count(stats.throttled, action);
        throw new VodFault('Throttling.User', undefined, engine.faults.faults.throttleStatus);
      }
      const answer = handler({
        engine,
        params: new ActionParams(params),
        regionId: params.get('RegionId') ?? opts.regionId ?? DEFAULT_REGION_ID,
      });
      sendJson(res, 200, { RequestId: requestId, ...answer });
    } catch (error) {
      const fault = error instanceof VodFault ? error : new VodFault('InternalError');
      if (!(error instanceof VodFault)) console.error('vod emulator: unexpected error', error);
      stats.count(stats.refused, action);
      sendJson(res, fault.status, errorBody(fault, requestId, hostId));
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://vod.emulator.local');
    const work = url.pathname.startsWith(ADMIN_PREFIX)
      ? handleAdmin(req, res, url, { engine, stats })
      : handleRpc(req, res, url);
    work.catch((error: unknown) => {
      console.error('vod emulator: request failed', error);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });

  return { server, engine, stats, stop: () => engine.close() };
}
