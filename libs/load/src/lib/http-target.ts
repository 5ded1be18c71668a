import { Pool, errors } from 'undici';
import { type ErrorKind, fieldValue, type Outcome } from './outcome';

export interface HttpTargetOptions {
  /** Most connections open at once. */
  connections: number;
  /** An answer that has not fully arrived after this long counts as a timeout. */
  timeoutMs: number;
  /** A dotted path into JSON answers whose value each outcome carries; bodies are read only then. */
  countField?: string;
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
  private readonly field?: string[];

  constructor(
    readonly origin: string,
    options: HttpTargetOptions,
  ) {
    this.field = options.countField?.split('.');
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
    const field = this.field;
    return new Promise((resolve) => {
      let status = 0;
      const chunks: Buffer[] | undefined = field && [];
      const latencyUs = () => (performance.now() - dueAt) * 1000;
      this.pool.dispatch(
        { path, method: 'GET', headers: HEADERS },
        {
          onConnect: () => undefined,
          onHeaders: (statusCode) => {
            status = statusCode;
            return true;
          },
          onData: (chunk) => {
            chunks?.push(chunk);
            return true;
          },
          onComplete: () =>
            resolve({
              latencyUs: latencyUs(),
              status,
              ...(status !== 200 && { error: 'status' as const }),
              ...(field && chunks && { field: counted(chunks, field) }),
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

function counted(chunks: Buffer[], field: string[]): string {
  try {
    return fieldValue(JSON.parse(Buffer.concat(chunks).toString('utf8')), field);
  } catch {
    return '(not JSON)';
  }
}

function classify(error: Error): ErrorKind {
  return TIMEOUT_ERRORS.some((type) => error instanceof type) ? 'timeout' : 'connection';
}
