import type { FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';

/** What a service passes on to the services it calls for a request, for logs and traces. */
export interface CallContext {
  /** The caller's x-request-id when well formed, else one made here. */
  requestId: string;
  /** The caller's W3C trace context, when it sent a valid one. */
  traceparent?: string;
}

const REQUEST_ID = /^[\w.:+/=-]{1,128}$/;
const TRACEPARENT = /^[0-9a-f]{2}-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;

/** Fastify's genReqId: the caller's x-request-id when it is short and safe to log, else a UUID. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

export function traceparentOf(request: IncomingMessage): string | undefined {
  const given = request.headers['traceparent'];
  return typeof given === 'string' && TRACEPARENT.test(given) && !given.startsWith('ff')
    ? given
    : undefined;
}

/** The headers that carry a CallContext to the next service. */
export function callHeaders(context: CallContext): Record<string, string> {
  return {
    'x-request-id': context.requestId,
    ...(context.traceparent && { traceparent: context.traceparent }),
  };
}

/**
 * The CallContext of a request being handled. (A controller takes `@Req()` and calls this: a
 * custom parameter decorator builds an execution context per request, which costs throughput
 * at peak.)
 */
export function callContextOf(request: FastifyRequest): CallContext {
  const traceparent = traceparentOf(request.raw);
  return traceparent ? { requestId: request.id, traceparent } : { requestId: request.id };
}
