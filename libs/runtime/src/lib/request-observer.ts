import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { KeyedHistogram } from './keyed-histogram';
import { traceparentOf } from './call-context';

/** Routes that are checked every few seconds: logged at debug, not info. */
const POLLED_ROUTES = new Set(['/health', '/metrics']);

/**
 * Fastify's report of each finished request, as this landscape wants it: one log line (method,
 * route, status, duration, request id, and the traceparent when one came) instead of Fastify's
 * two, and the `http_request_duration_seconds` histogram. It logs with the service's logger and
 * the id as a field: Fastify's per-request child logger cost several per cent of peak throughput.
 * Both are labelled by route pattern, never by URL, so that no request can add a label value: an
 * unknown path is `unmatched`.
 */
export class RequestObserver extends LogController {
  private duration?: KeyedHistogram;

  constructor(private readonly logger: Logger) {
    super({ requestIdLogLabel: 'requestId' });
  }

  /** Starts the histogram in the service's registry, once the app exists. */
  measureInto(registry: Registry): void {
    this.duration = new KeyedHistogram(
      'http_request_duration_seconds',
      'Time from the request to the end of the answer, by method, route pattern and status.',
      ['method', 'route', 'status'],
      [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registry,
    );
  }

  override incomingRequest(): void {
    // One line per request, when it is done.
  }

  override routeNotFound(): void {
    // requestCompleted logs it, with route `unmatched`.
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    const seconds = reply.elapsedTime / 1000;
    const method = request.method;
    this.duration?.observe(
      `${method} ${status} ${route}`,
      () => [method, route, String(status)],
      seconds,
    );
    const level = error ? 'error' : POLLED_ROUTES.has(route) ? 'debug' : 'info';
    if (!this.logger.isLevelEnabled(level)) return;
    const traceparent = traceparentOf(request.raw);
    this.logger[level](
      {
        requestId: request.id,
        method,
        route,
        status,
        durationMs: Math.round(seconds * 100_000) / 100,
        ...(traceparent && { traceparent }),
        ...(error && { err: error }),
      },
      'request',
    );
  }
}
