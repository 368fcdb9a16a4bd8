import { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { systemClock, type Clock } from '../common/clock';
import { DEFAULT_ACCESS_KEY, type AccessKey } from '../common/default-credentials';
import { errorBody, VodFault } from './errors';
import { MnsQueueWriter, type EventQueueWriter } from './delivery/queue-writer';
import { newRequestId } from './engine/ids';
import { VodEngine, type VodEngineOptions } from './engine/vod-engine';
import { ACTIONS, type ActionHandler } from './protocol/actions';
import { MEDIA_ACTIONS } from './protocol/media-actions';
import { ADMIN_PREFIX, handleAdmin } from './protocol/admin';
import { ApiStats } from './protocol/api-stats';
import { authenticate } from './protocol/authenticate';
import { DEFAULT_REGION_ID } from './protocol/limits';
import { NonceMemory } from './protocol/nonce-memory';
import { ActionParams } from './protocol/param-readers';
import { readBody, rpcParams } from './protocol/read-request';
import { xmlDocument } from './protocol/xml-answer';
import { emulatorServer } from '../common/http-server';

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

/** Own entries only, so that an Action such as `constructor` is unknown rather than Object's. */
// Own keys only: `valueOf` or `constructor` must not resolve to Object.prototype's functions.
function handlerOf(action: string): ActionHandler | undefined {
  for (const table of [ACTIONS, MEDIA_ACTIONS]) if (Object.hasOwn(table, action)) return table[action];
  return undefined;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json;charset=utf-8', JSON.stringify(body));
}

function send(res: ServerResponse, status: number, contentType: string, text: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

type ResponseFormat = 'JSON' | 'XML';

/** VOD answers XML unless the request asks for JSON. */
function responseFormat(params: ReadonlyMap<string, string>): ResponseFormat {
  const format = (params.get('Format') ?? 'XML').toUpperCase();
  if (format !== 'JSON' && format !== 'XML')
    throw new VodFault('InvalidParameter', 'The specified parameter "Format" is not valid: JSON or XML');
  return format;
}

function sendAnswer(
  res: ServerResponse,
  status: number,
  format: ResponseFormat,
  root: string,
  body: Record<string, unknown>,
): void {
  if (format === 'JSON') sendJson(res, status, body);
  else send(res, status, 'text/xml;charset=utf-8', xmlDocument(root, body));
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
    // Refusals that come before the parameters are read are answered in JSON.
    let format: ResponseFormat = 'JSON';
    try {
      if (method !== 'GET' && method !== 'POST')
        throw new VodFault('InvalidParameter', `HTTP method ${method} is not supported.`);
      const params = rpcParams(url, method, req.headers['content-type'], await readBody(req));
      format = responseFormat(params);
      action = params.get('Action') ?? 'unknown';
      if (!params.get('Action'))
        throw new VodFault('MissingParameter', 'The input parameter "Action" is not supplied.');
      authenticate(method, params, { keys, nonces, now: clock.now() });
      stats.count(stats.calls, action);
      stats.count(stats.regions, params.get('RegionId') ?? 'none');
      const handler = handlerOf(action);
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
      sendAnswer(res, 200, format, `${action}Response`, { RequestId: requestId, ...answer });
    } catch (error) {
      const fault = error instanceof VodFault ? error : new VodFault('InternalError');
      if (!(error instanceof VodFault)) console.error('vod emulator: unexpected error', error);
      stats.count(stats.refused, action);
      sendAnswer(res, fault.status, format, 'Error', errorBody(fault, requestId, hostId));
    }
  }

  const server = emulatorServer((req, res) => {
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
