import type { DynamicModule, NestApplicationOptions, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { constants } from 'node:os';
import { guardRequests } from './request-guards';
import type { ServerConfig } from './config';
import { clientErrorHandler, ErrorContractFilter, frameworkErrors } from './error-contract';
import { StartupError } from './startup-error';

export interface ServiceDefinition {
  module: DynamicModule | Type;
  server: ServerConfig;
  /** Methods the service answers; any other gets 405. */
  methods?: readonly string[];
  /** Called with the created app before it listens, e.g. to add Fastify hooks. */
  configure?: (app: NestFastifyApplication) => void;
}

/**
 * A client has this long to send a request's headers, and its whole request. Without them one
 * client that sends half a request line holds a connection, and a shutdown, for as long as it
 * likes. Node checks them every CONNECTIONS_CHECK_MS (30 s by default).
 */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 30_000;
const CONNECTIONS_CHECK_MS = 1_000;
/** After the shutdown deadline has closed the connections, the most the rest may take. */
const FORCED_CLOSE_GRACE_MS = 5_000;

/**
 * Starts a NestJS service on Fastify at 0.0.0.0:port and closes it gracefully on SIGTERM/SIGINT:
 * stop accepting connections, let in-flight requests finish for up to shutdownTimeoutMs, then
 * close the connections that remain, run the shutdown hooks, exit 0. A second signal exits at
 * once. A failure at start prints one line naming the service and exits 1.
 */
export async function runService(
  name: string,
  define: () => ServiceDefinition,
): Promise<NestFastifyApplication> {
  let port: number | undefined;
  let app: NestFastifyApplication;
  let shutdownTimeoutMs: number;
  try {
    const definition = define();
    ({ port, shutdownTimeoutMs } = definition.server);
    app = await createServiceApp(definition, { logger: ['error', 'warn'] });
    await app.listen(port, '0.0.0.0');
  } catch (error) {
    console.error(`${name}: ${describeStartupFailure(error, port)}`);
    process.exit(1);
  }
  console.log(`Starting HTTP service at ${port}`);
  closeOnSignals(name, app, shutdownTimeoutMs);
  return app;
}

/**
 * The Nest application on Fastify, as every service runs it: server timeouts, the ErrorBody
 * contract for every error, and 405 for methods the service does not answer. runService uses it,
 * and so can tests that run a module in process.
 */
export async function createServiceApp(
  definition: Omit<ServiceDefinition, 'server'>,
  options: NestApplicationOptions = {},
): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    definition.module,
    new FastifyAdapter({
      frameworkErrors,
      clientErrorHandler,
      requestTimeout: REQUEST_TIMEOUT_MS,
      // While draining, a request that arrives on a kept-alive connection is served, with
      // `Connection: close`, rather than refused with a 503 its caller would have to retry.
      return503OnClosing: false,
      http: {
        headersTimeout: HEADERS_TIMEOUT_MS,
        connectionsCheckingInterval: CONNECTIONS_CHECK_MS,
      },
    }),
    { abortOnError: false, ...options },
  );
  app.useGlobalFilters(new ErrorContractFilter());
  guardRequests(app, definition.methods ?? ['GET', 'HEAD']);
  definition.configure?.(app);
  return app;
}

function describeStartupFailure(error: unknown, port: number | undefined): string {
  if (error instanceof StartupError) return error.message;
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === 'EADDRINUSE') return `port ${port} is already in use`;
  return `failed to start: ${String(message ?? error).split('\n')[0]}`;
}

/**
 * Handlers for both signals stay installed after the first: as PID 1 in a container, a signal
 * without a handler is ignored, so a second one must be handled to exit at once.
 */
function closeOnSignals(
  name: string,
  app: NestFastifyApplication,
  shutdownTimeoutMs: number,
): void {
  let closing = false;
  const close = (signal: NodeJS.Signals) => {
    if (closing) {
      console.error(`${name}: ${signal} received again, exiting without finishing the shutdown`);
      process.exit(128 + constants.signals[signal]);
    }
    closing = true;
    console.log(`${signal} received, shutting down`);
    const deadline = setTimeout(() => {
      console.warn(
        `${name}: requests still open after SHUTDOWN_TIMEOUT_MS=${shutdownTimeoutMs}, closing their connections`,
      );
      app.getHttpServer().closeAllConnections();
      setTimeout(() => {
        console.error(`${name}: shutdown did not complete after its connections were closed`);
        process.exit(1);
      }, FORCED_CLOSE_GRACE_MS).unref();
    }, shutdownTimeoutMs);
    app.close().then(
      () => {
        clearTimeout(deadline);
        process.exit(0);
      },
      (error: Error) => {
        console.error(`${name}: shutdown failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
}
