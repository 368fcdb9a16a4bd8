import { createServer } from 'node:net';
import { freePort } from './free-port';
import type { LocalStackPorts } from './local-stack';

const HOST = '127.0.0.1';

/** `vodflow dev`'s ports: the ones .env.example and compose.local.env name. */
export const DEV_PORTS: Readonly<LocalStackPorts> = Object.freeze({
  temporal: 7233,
  temporalUi: 8233,
  smq: 9911,
  vod: 9912,
});

const WHAT: Record<keyof LocalStackPorts, string> = {
  temporal: 'Temporal',
  temporalUi: 'Temporal Web UI',
  smq: 'SMQ emulator',
  vod: 'VOD emulator',
};

/**
 * The default ports where they are free, another free port for each that is taken, with one line
 * per fallback saying so (the printed settings then differ from .env.example's).
 */
export async function choosePorts(
  wanted: Readonly<LocalStackPorts> = DEV_PORTS,
): Promise<{ ports: LocalStackPorts; notes: string[] }> {
  const ports = { ...wanted };
  const notes: string[] = [];
  for (const key of Object.keys(wanted) as (keyof LocalStackPorts)[]) {
    if (await isFree(wanted[key])) continue;
    ports[key] = await freePort(HOST);
    notes.push(`${WHAT[key]}: port ${wanted[key]} is taken, using ${ports[key]} instead`);
  }
  return { ports, notes };
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, HOST, () => server.close(() => resolve(true)));
  });
}
