import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { systemClock, type Clock } from '../common/clock';
import { DEFAULT_ACCESS_KEY } from '../common/default-credentials';
import { SmqEngine } from './engine/smq-engine';
import { SmqFault } from './errors';
import { FaultInjector, mergeFaults, NO_FAULTS, type SmqFaults } from './faults';
import { MAX_REQUEST_BODY_BYTES } from './limits';
import { ADMIN_PREFIX, handleAdmin } from './protocol/admin';
import { authenticate, type SmqAccessKey } from './protocol/authenticate';
import type { RouteContext } from './protocol/context';
import { parseQuery } from './protocol/query';
import { readBody } from './protocol/read-body';
import { writeError, writeXml } from './protocol/respond';
import { route } from './protocol/router';
import { JournalStore, type FsyncPolicy } from './store/journal-store';
import { emulatorServer } from '../common/http-server';

export interface SmqEmulatorOptions {
  /** Key pairs accepted; the local default pair when absent. */
  accessKeys?: SmqAccessKey[];
  clock?: Clock;
  /** Persist every change under this directory (see store/journal-store.ts). */
  dataDir?: string;
  fsync?: FsyncPolicy;
  seed?: number;
  faults?: Partial<SmqFaults>;
  hostId?: string;
}

export interface SmqEmulator {
  server: Server;
  engine: SmqEngine;
  faults: FaultInjector;
  /** Ends long polls and closes the journal; the caller closes the listening socket. */
  stop(): Promise<void>;
}

function newRequestId(): string {
  return randomBytes(12).toString('hex').toUpperCase();
}

function flatHeaders(request: IncomingMessage): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers))
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  return headers;
}

/** Builds the SMQ emulator's HTTP server without listening (see main.ts and test/helpers). */
export function buildSmqEmulator(opts: SmqEmulatorOptions = {}): SmqEmulator {
  const clock = opts.clock ?? systemClock;
  const keys = new Map((opts.accessKeys ?? [DEFAULT_ACCESS_KEY]).map((key) => [key.accessKeyId, key]));
  const hostId = opts.hostId ?? 'http://smq-emulator.local';
  const faults = new FaultInjector(mergeFaults(NO_FAULTS, opts.faults ?? {}), opts.seed ?? 1);

  let journal: JournalStore | undefined;
  let engine: SmqEngine;
  if (opts.dataDir) {
    const opened = JournalStore.open(opts.dataDir, opts.fsync);
    journal = opened.store;
    engine = new SmqEngine(clock, journal);
    for (const queue of opened.loaded) engine.restore(queue.info, queue.messages);
    journal.useSnapshotSource(() => engine.snapshot());
    journal.compact();
  } else {
    engine = new SmqEngine(clock);
  }

  const stopping = new AbortController();
  // Each request in progress listens to it; long polls can be many.
  setMaxListeners(0, stopping.signal);
  const requestCounts: Record<string, number> = {};
  const keyCounts: Record<string, number> = {};

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const target = request.url ?? '/';
    if (target.startsWith(ADMIN_PREFIX))
      return handleAdmin(request, response, {
        engine,
        faults,
        requestCounts: () => ({ ...requestCounts }),
        keyCounts: () => ({ ...keyCounts }),
      });
    const requestId = newRequestId();
    try {
      const method = request.method ?? 'GET';
      const body = await readBody(request, MAX_REQUEST_BODY_BYTES);
      const keyId = authenticate({ method, target, headers: request.headers, body }, keys, clock);
      keyCounts[keyId] = (keyCounts[keyId] ?? 0) + 1;
      const questionMark = target.indexOf('?');
      const path = questionMark < 0 ? target : target.slice(0, questionMark);
      const query = parseQuery(questionMark < 0 ? '' : target.slice(questionMark + 1));
      const chosen = route(method, path, { query, body });
      requestCounts[chosen.operation] = (requestCounts[chosen.operation] ?? 0) + 1;

      const latency = faults.latency(chosen.operation);
      if (latency > 0) await clock.sleep(latency, stopping.signal);
      const injected = faults.error(chosen.operation);
      if (injected) throw new SmqFault(injected, `Injected fault: ${injected}.`);

      const gone = new AbortController();
      const abort = (): void => gone.abort();
      // A client that goes away mid-poll shows up as the socket's end (FIN): the server keeps
      // half-open sockets, so 'close' would only come when we write. No HTTP client half-closes
      // while still waiting for its answer.
      const socket = request.socket;
      socket.once('close', abort);
      socket.once('end', abort);
      response.once('close', abort);
      if (socket.destroyed) gone.abort();
      stopping.signal.addEventListener('abort', abort, { once: true });
      const context: RouteContext = {
        engine,
        faults,
        operation: chosen.operation,
        queueName: chosen.queueName,
        query,
        headers: flatHeaders(request),
        body,
        baseUrl: `http://${request.headers.host ?? '127.0.0.1'}`,
        signal: gone.signal,
      };
      try {
        const answer = await chosen.handle(context);
        if (faults.drop(chosen.operation)) {
          request.socket.destroy();
          return;
        }
        writeXml(response, answer.status, requestId, answer.xml, answer.headers);
      } finally {
        socket.off('close', abort);
        socket.off('end', abort);
        response.off('close', abort);
        stopping.signal.removeEventListener('abort', abort);
      }
    } catch (error) {
      const fault =
        error instanceof SmqFault
          ? error
          : new SmqFault('InternalError', `Internal error: ${(error as Error).message}`);
      if (fault.code === 'RequestTooLarge') response.setHeader('connection', 'close');
      writeError(response, fault, requestId, hostId);
    }
  }

  const server = emulatorServer((request, response) => {
    void handle(request, response);
  });

  return {
    server,
    engine,
    faults,
    stop: () => {
      stopping.abort();
      engine.stop();
      journal?.close();
      journal = undefined;
      return Promise.resolve();
    },
  };
}
