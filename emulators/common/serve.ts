import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listening {
  url: string;
  port: number;
  close(): Promise<void>;
}

// Starts listening and resolves with the real address (port 0 picks a free one).
export async function listen(server: Server, port: number, host: string): Promise<Listening> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive sockets and held long polls must not keep the process up.
        server.closeAllConnections();
      }),
  };
}

/**
 * For an emulator's main.ts: prints the one ready line scripts wait for, then shuts down cleanly
 * on Ctrl-C / SIGTERM (`stop` ends long polls and timers; the process then exits by itself).
 */
export function announceAndStopOnSignals(
  name: string,
  listening: Listening,
  stop: () => Promise<void>,
): void {
  console.log(`${name} listening on ${listening.url}`);
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${name} stopping (${signal})`);
    void stop()
      .then(() => listening.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          console.error(`${name} did not stop cleanly:`, err);
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}
