import type { IncomingMessage, Server } from 'node:http';
import type { Socket } from 'node:net';
import { totalmem } from 'node:os';

/**
 * What one connection may cost at most, with room for the garbage that clients churning through
 * the limit leave: measured with clients that send 16 KB of headers and never finish them
 * (docs/DEPLOYMENT.md, "Slow clients").
 */
export const CONNECTION_BUDGET_BYTES = 64 * 1024;
/** The share of the memory limit that open connections may take. */
const CONNECTIONS_SHARE = 1 / 4;
const FEWEST = 64;
const MOST = 10_000;

/**
 * How many connections a service holds at most by default: a quarter of its memory limit (the
 * container's, else the machine's) at CONNECTION_BUDGET_BYTES each, from 64 to 10,000.
 */
export function defaultMaxConnections(
  memoryBytes = Math.min(process.constrainedMemory() || Infinity, totalmem()),
): number {
  const fit = Math.floor((memoryBytes * CONNECTIONS_SHARE) / CONNECTION_BUDGET_BYTES);
  return Math.min(MOST, Math.max(FEWEST, fit));
}

export interface ConnectionLimitEvents {
  /** A connection without a request in progress was closed to make room for a new one. */
  onIdleClosed?: () => void;
  /** A new connection was closed at once: every connection had a request in progress. */
  onRefused?: () => void;
}

/**
 * Holds at most `max` connections. A connection that arrives at the limit takes the place of
 * the one that has gone longest without starting a request and has none in progress: a client
 * that has not finished its headers, or a kept-alive one that sits idle. Slow clients by the
 * thousand then cycle through the limit, each holding its place only until `max` newer
 * connections have come, while a client that sends its request at once is served; when every
 * connection has a request in progress, the new one is closed at once. Memory stays within
 * `max` connections whatever the clients do.
 */
export function limitConnections(
  server: Server,
  max: number,
  events: ConnectionLimitEvents = {},
): void {
  // Insertion order is the order of last activity: a connection moves to the end at each request.
  const open = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    if (open.size >= max) {
      if (!closeLongestIdle(open)) {
        socket.destroy();
        events.onRefused?.();
        return;
      }
      events.onIdleClosed?.();
    }
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
  server.on('request', ({ socket }: IncomingMessage) => {
    if (open.delete(socket)) open.add(socket);
  });
}

function closeLongestIdle(open: Set<Socket>): boolean {
  for (const socket of open) {
    if (!inResponse(socket)) {
      open.delete(socket);
      socket.destroy();
      return true;
    }
  }
  return false;
}

/**
 * Node's HTTP server sets `_httpMessage` on a socket from the moment a request's headers are in
 * until its response is finished; it is how Node itself tells busy connections from idle ones.
 */
function inResponse(socket: Socket): boolean {
  return (socket as Socket & { _httpMessage?: unknown })._httpMessage != null;
}
