import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import type { ErrorBody } from '@landscape/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';

/** An ErrorBody for this status, with the status's own reason phrase as `error`. */
export function errorBody(statusCode: number, message: string): ErrorBody {
  return { message, error: STATUS_CODES[statusCode] ?? 'Error', statusCode };
}

/**
 * What to say for errors raised by Fastify or Node before any route runs. Their own messages
 * echo the URL or a header, so only the status is kept.
 */
export const FRAMEWORK_MESSAGES: Readonly<Record<number, string>> = {
  400: 'the request is malformed',
  404: 'no route matches this path',
  408: 'the request took too long to arrive',
  413: 'the request body is too large',
  414: 'a path segment is too long',
  415: 'unsupported content type',
  431: 'the request headers are too large',
  500: 'internal server error',
};

function frameworkMessage(statusCode: number): string {
  return FRAMEWORK_MESSAGES[statusCode] ?? (STATUS_CODES[statusCode] ?? 'error').toLowerCase();
}

/**
 * The ErrorBody of any exception. A Nest HttpException built with a message (`new
 * NotFoundException('account 1 not found')`) keeps it; one that Nest made from a Fastify error
 * (a string response), a route that does not exist and any other error get a fixed message, so
 * that no answer echoes the request or leaks an internal detail.
 */
export function errorBodyOf(exception: unknown, routeNotFound = false): ErrorBody {
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    if (routeNotFound) return errorBody(404, frameworkMessage(404));
    const message =
      typeof response === 'object' ? (response as { message?: unknown }).message : undefined;
    if (typeof message === 'string') return errorBody(statusCode, message);
    if (Array.isArray(message)) return errorBody(statusCode, message.join('; '));
    return errorBody(statusCode, frameworkMessage(statusCode));
  }
  const statusCode = (exception as { statusCode?: unknown } | null)?.statusCode;
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    return errorBody(statusCode, frameworkMessage(statusCode));
  }
  return errorBody(500, frameworkMessage(500));
}

/** Answers every exception that reaches Nest with an ErrorBody; logs server errors. */
@Catch()
export class ErrorContractFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorContract');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const body = errorBodyOf(exception, request.is404);
    if (body.statusCode >= 500) {
      this.logger.error(
        `${request.method} ${request.routeOptions.url ?? '(no route)'}: ${describe(exception)}`,
      );
    }
    void http.getResponse<FastifyReply>().status(body.statusCode).send(body);
  }
}

const FRAMEWORK_ERROR_MESSAGES: Record<string, string> = {
  FST_ERR_BAD_URL: 'the path is not valid percent-encoded UTF-8',
  FST_ERR_MAX_PARAM_LENGTH: 'a path segment is longer than 100 characters',
};

/** Fastify's `frameworkErrors` option: a bad URL or an over-long path parameter. */
export function frameworkErrors(
  error: { statusCode?: number; code?: string },
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const known = error.code ? FRAMEWORK_ERROR_MESSAGES[error.code] : undefined;
  const body = known ? errorBody(error.statusCode ?? 400, known) : errorBodyOf(error);
  void reply.status(body.statusCode).send(body);
}

/**
 * Fastify's `clientErrorHandler` option, for what Node's HTTP parser rejects before Fastify sees
 * a request (a request line or headers too large, too slow, or not HTTP): an ErrorBody, then the
 * connection is closed.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const statusCode =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? 408
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? 431
        : 400;
  const body = JSON.stringify(errorBody(statusCode, frameworkMessage(statusCode)));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${statusCode} ${STATUS_CODES[statusCode]}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

function describe(exception: unknown): string {
  if (exception instanceof Error) return exception.stack ?? exception.message;
  return String(exception);
}
