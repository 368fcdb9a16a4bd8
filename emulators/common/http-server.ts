import { createServer, type RequestListener, type Server } from 'node:http';

// Idle keep-alive connections are closed by the client first, as with the real services: Node's
// default agent drops an idle socket after 5 s, and a server closing at the same moment (Node's
// default server keepAliveTimeout is also 5 s) races it; the request the client just wrote on that
// socket fails with "socket hang up".
const IDLE_CONNECTION_MS = 65_000;

/** An HTTP server for an emulator, with keep-alive timing that never races its clients. */
export function emulatorServer(listener: RequestListener): Server {
  const server = createServer(listener);
  server.keepAliveTimeout = IDLE_CONNECTION_MS;
  server.headersTimeout = IDLE_CONNECTION_MS + 1_000;
  return server;
}
