import type { Dispatcher } from 'undici';

/** Failures of the connection itself, with no response begun: a retry elsewhere may succeed. */
const CONNECTION_FAILURES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET', // the other side closed the connection
  'UND_ERR_CLOSED',
]);

export interface Won {
  response: Dispatcher.ResponseData;
  /** The fresh connection it came on, if it did: closed once the body is read. */
  fresh?: Dispatcher;
  /** Ends the call's abort signal's hold on the body, once it is read. */
  detach: () => void;
}

export interface Hedge {
  afterMs: number;
  /** Whether the budget has a hedge left, spending it if so. */
  allowed: () => boolean;
  onHedge?: () => void;
}

/**
 * The first response of one or two attempts: the first through `pool`, a second on a fresh
 * connection when the first failed before any response (a retry) or had none after the hedge's
 * delay. The attempt that loses is aborted. Rejects when every attempt made has failed.
 */
export function firstResponse(
  send: (through: Dispatcher, signal: AbortSignal) => Promise<Dispatcher.ResponseData>,
  pool: Dispatcher,
  signal: AbortSignal | undefined,
  fresh: (() => Dispatcher) | undefined,
  hedge: Hedge | undefined,
): Promise<Won> {
  return new Promise((resolve, reject) => {
    const attempts: AbortController[] = [];
    let pending = 0;
    let settled = false;
    let hedgeTimer: NodeJS.Timeout | undefined;
    const settle = () => {
      settled = true;
      clearTimeout(hedgeTimer);
    };
    const start = (through: Dispatcher, freshConnection?: Dispatcher) => {
      const controller = new AbortController();
      attempts.push(controller);
      const abort = () => controller.abort(signal?.reason);
      if (signal?.aborted) abort();
      else signal?.addEventListener('abort', abort, { once: true });
      pending += 1;
      send(through, controller.signal).then(
        (response) => {
          pending -= 1;
          const detach = () => signal?.removeEventListener('abort', abort);
          if (settled) {
            detach();
            response.body.destroy();
            void freshConnection?.destroy();
            return;
          }
          settle();
          // The other attempt rejects on its abort, and its handler below closes its connection.
          for (const other of attempts) if (other !== controller) other.abort();
          resolve({ response, fresh: freshConnection, detach });
        },
        (error: Error) => {
          pending -= 1;
          signal?.removeEventListener('abort', abort);
          void freshConnection?.destroy();
          if (settled) return;
          const code = (error as { code?: string }).code ?? '';
          if (attempts.length === 1 && CONNECTION_FAILURES.has(code) && startSecond()) return;
          if (pending > 0) return;
          settle();
          reject(error);
        },
      );
    };
    const startSecond = () => {
      if (!fresh || attempts.length > 1 || signal?.aborted) return false;
      clearTimeout(hedgeTimer);
      const connection = fresh();
      start(connection, connection);
      return true;
    };
    start(pool);
    if (hedge) {
      // Checked again after the event loop's poll phase: an answer that is already in the socket
      // when a late timer fires is read first, and needs no hedge.
      hedgeTimer = setTimeout(
        () =>
          setImmediate(() => {
            if (settled || attempts.length > 1 || signal?.aborted || !hedge.allowed()) return;
            startSecond();
            hedge.onHedge?.();
          }),
        hedge.afterMs,
      );
    }
  });
}
