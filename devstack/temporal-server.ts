import { Connection } from '@temporalio/client';
import { connect } from 'node:net';
import { searchAttributeCliFlags } from '../common/search-attributes';
import { freePort } from './free-port';
import { resolveTemporalCli } from './temporal-cli';
import { spawnTied, type TiedProcess } from './tied-process';

export interface TemporalDevServerOptions {
  /** Defaults to a free port. */
  port?: number;
  /** Serve the Web UI (off in tests: it costs start-up time). */
  ui?: boolean;
  uiPort?: number;
  /** SQLite file for a run whose workflows survive a server restart. */
  dbFilename?: string;
  namespace?: string;
  /** Register vodflow's search attributes at start (default); false gives a bare server like `temporal server start-dev`. */
  searchAttributes?: boolean;
  /** Extra `--dynamic-config-value KEY=VALUE` settings. */
  dynamicConfig?: Record<string, unknown>;
  startTimeoutMs?: number;
  logLevel?: 'debug' | 'info' | 'warn' | 'error';
  /** Own process group, so that kill('SIGKILL') takes it down like a crash (soak). */
  detached?: boolean;
}

export interface TemporalDevServer {
  readonly address: string;
  readonly namespace: string;
  readonly uiUrl: string | undefined;
  readonly pid: number;
  stop(): Promise<void>;
  /** Signals the server (its whole group when started detached); resolves once it has exited. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

const HOST = '127.0.0.1';
const POLL_INTERVAL_MS = 200;

export async function startTemporalDevServer(
  options: TemporalDevServerOptions = {},
): Promise<TemporalDevServer> {
  const cli = await resolveTemporalCli();
  const port = options.port ?? (await freePort(HOST));
  const namespace = options.namespace ?? 'default';
  const args = [
    'server',
    'start-dev',
    '--ip',
    HOST,
    '--port',
    String(port),
    '--namespace',
    namespace,
    '--log-level',
    options.logLevel ?? 'warn',
    ...(options.searchAttributes === false ? [] : searchAttributeCliFlags()),
  ];
  let uiUrl: string | undefined;
  if (options.ui) {
    const uiPort = options.uiPort ?? (await freePort(HOST));
    args.push('--ui-port', String(uiPort), '--ui-ip', HOST);
    uiUrl = `http://${HOST}:${uiPort}`;
  } else {
    args.push('--headless');
  }
  if (options.dbFilename) args.push('--db-filename', options.dbFilename);
  for (const [key, value] of Object.entries(options.dynamicConfig ?? {})) {
    args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  }

  const child = spawnTied(cli, args, { detached: options.detached });
  const address = `${HOST}:${port}`;
  try {
    await waitUntilServing(child, address, namespace, options.startTimeoutMs ?? 60_000);
  } catch (err) {
    await child.stop();
    throw err;
  }
  return {
    address,
    namespace,
    uiUrl,
    pid: child.pid,
    stop: () => child.stop(),
    kill: async (signal) => {
      child.kill(signal);
      await child.exited;
    },
  };
}

// Ready means the frontend accepts connections and the namespace exists (search attributes come with it).
async function waitUntilServing(
  child: TiedProcess,
  address: string,
  namespace: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const [host, port] = [HOST, Number(address.split(':')[1])];
  const fail = (why: string): Error =>
    new Error(`the Temporal dev server at ${address} ${why}:\n${child.output()}`);
  while (!(await acceptsTcp(host, port))) {
    if (!child.isRunning()) throw fail('exited during start-up');
    if (Date.now() > deadline) throw fail(`did not listen within ${timeoutMs} ms`);
    await sleep(POLL_INTERVAL_MS);
  }
  const connection = await Connection.connect({
    address,
    connectTimeout: Math.max(1, deadline - Date.now()),
  });
  try {
    for (;;) {
      try {
        await connection.withDeadline(Date.now() + 2_000, () =>
          connection.workflowService.describeNamespace({ namespace }),
        );
        return;
      } catch (err) {
        if (!child.isRunning()) throw fail('exited during start-up');
        if (Date.now() > deadline) throw fail(`did not serve namespace ${namespace}: ${String(err)}`);
        await sleep(POLL_INTERVAL_MS);
      }
    }
  } finally {
    await connection.close();
  }
}

function acceptsTcp(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
