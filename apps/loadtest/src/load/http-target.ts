import { Pool, errors } from 'undici';
import type { ErrorKind, Outcome } from './outcome';

export interface HttpTargetOptions {
  /** Most connections open at once. */
  connections: number;
  /** An answer that has not fully arrived after this long counts as a timeout. */
  timeoutMs: number;
}

const TIMEOUT_ERRORS = [
  errors.HeadersTimeoutError,
  errors.BodyTimeoutError,
  errors.ConnectTimeoutError,
];
const HEADERS = { accept: 'application/json' };

/**
 * GET requests to one origin over an undici keep-alive pool. Requests go through `dispatch` with a
 * handler that only counts the body's bytes: the client should cost the load core as little as it
 * can, so that the server, not the client, is what the run measures.
 */
export class HttpTarget {
  private readonly pool: Pool;

  constructor(
    readonly origin: string,
    options: HttpTargetOptions,
  ) {
    this.pool = new Pool(origin, {
      connections: options.connections,
      pipelining: 1,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connectTimeout: options.timeoutMs,
      keepAliveTimeout: 30_000,
    });
  }

  /**
   * Sends GET path and resolves with its outcome; never rejects. Latency counts from `dueAt`
   * (a performance.now() value), so that a request sent late because the client or the pool was
   * busy is not measured as fast (coordinated omission).
   */
  get(path: string, dueAt = performance.now()): Promise<Outcome> {
    return new Promise((resolve) => {
      let status = 0;
      const latencyUs = () => (performance.now() - dueAt) * 1000;
      this.pool.dispatch(
        { path, method: 'GET', headers: HEADERS },
        {
          onConnect: () => undefined,
          onHeaders: (statusCode) => {
            status = statusCode;
            return true;
          },
          onData: () => true,
          onComplete: () =>
            resolve({
              latencyUs: latencyUs(),
              status,
              ...(status !== 200 && { error: 'status' as const }),
            }),
          onError: (error) => resolve({ latencyUs: latencyUs(), error: classify(error) }),
        },
      );
    });
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}

function classify(error: Error): ErrorKind {
  return TIMEOUT_ERRORS.some((type) => error instanceof type) ? 'timeout' : 'connection';
}
