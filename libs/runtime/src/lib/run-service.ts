import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { constants } from 'node:os';
import pino, { type Logger } from 'pino';
import { Counter, Registry } from 'prom-client';
import { requestIdOf } from './call-context';
import type { ServerConfig } from './config';
import { drainConnections } from './connection-drain';
import { limitConnections } from './connection-limit';
import { clientErrorHandler, ErrorContractFilter, frameworkErrors } from './error-contract';
import { createLogger, PinoNestLogger, type ServiceLogger } from './logger';
import { MetricsModule } from './metrics';
import { serveBuiltDocument } from './openapi-document';
import { guardRequests } from './request-guards';
import { RequestObserver } from './request-observer';
import { StartupError } from './startup-error';

export interface ServiceDefinition {
  module: DynamicModule | Type;
  server: ServerConfig;
  /** Methods the service answers (READ_METHODS by default); any other gets 405. */
  methods?: readonly string[];
  /** Routes that a development run adds before it listens (the API reference). */
  addRoutes?: (app: NestFastifyApplication) => Promise<void>;
}

/**
 * A client has this long to send a request's headers, and its whole request. Without them one
 * client that sends half a request line holds a connection, and a shutdown, for as long as it
 * likes. Node checks them every CONNECTIONS_CHECK_MS (30 s by default).
 */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 30_000;
const CONNECTIONS_CHECK_MS = 1_000;
/** The least time between two warnings that the connection limit is reached. */
const LIMIT_WARNING_INTERVAL_MS = 60_000;
/** After the shutdown deadline has closed the connections, the most the rest may take. */
const FORCED_CLOSE_GRACE_MS = 5_000;

/** What a service answers unless it says otherwise: it only reads. */
export const READ_METHODS = ['GET', 'HEAD'] as const;

/** The service's own module beside /metrics. */
@Module({})
class ServiceModule {}

/** What a service serves: its own module and /metrics. */
export function serviceRootModule(module: DynamicModule | Type): DynamicModule {
  return { module: ServiceModule, imports: [module, MetricsModule.forRoot()] };
}

/**
 * Starts a NestJS service on Fastify at 0.0.0.0:port and closes it gracefully on SIGTERM/SIGINT:
 * drain for up to shutdownDrainMs (drainConnections), stop accepting connections, let in-flight
 * requests finish until shutdownTimeoutMs after the signal, then close the connections that
 * remain, run the shutdown hooks, exit 0. A second signal exits at once. A failure at start
 * prints one line naming the service and exits 1.
 */
export async function runService(
  name: string,
  define: () => ServiceDefinition,
): Promise<NestFastifyApplication> {
  let port: number | undefined;
  let app: NestFastifyApplication;
  let server: ServerConfig;
  let log: ServiceLogger;
  try {
    log = createLogger(name, process.env);
    const definition = define();
    server = definition.server;
    port = server.port;
    app = await createServiceApp(definition, log.logger);
    limitConnectionsOf(app, definition.server.maxConnections, log.logger);
    serveBuiltDocument(app);
    await definition.addRoutes?.(app);
    await app.listen(port, '0.0.0.0');
  } catch (error) {
    // Before the logger may exist, and for a person at a terminal: one plain line.
    console.error(`${name}: ${describeStartupFailure(error, port)}`);
    process.exit(1);
  }
  log.logger.info({ port }, `Starting HTTP service at ${port}`);
  closeOnSignals(app, log, server);
  return app;
}

/**
 * The Nest application on Fastify, as every service runs it: one pino logger for Fastify and
 * Nest, request ids, request logs and metrics, server timeouts, the ErrorBody contract for every
 * error, and 405 for methods the service does not answer. runService uses it, and so can tests
 * that run a module in process.
 */
export async function createServiceApp(
  definition: Omit<ServiceDefinition, 'server'>,
  logger: Logger = pino({ level: 'silent' }),
): Promise<NestFastifyApplication> {
  const observer = new RequestObserver(logger);
  const app = await NestFactory.create<NestFastifyApplication>(
    serviceRootModule(definition.module),
    new FastifyAdapter({
      loggerInstance: logger,
      logController: observer,
      // request.log is the service's logger itself, not a child per request (RequestObserver).
      childLoggerFactory: (parent) => parent,
      genReqId: requestIdOf,
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
    { abortOnError: false, logger: new PinoNestLogger(logger) },
  );
  app.useGlobalFilters(new ErrorContractFilter());
  guardRequests(app, definition.methods ?? READ_METHODS);
  observer.measureInto(app.get(Registry));
  return app;
}

/** MAX_CONNECTIONS on the app's server, counted in its metrics, and logged once a minute at most. */
function limitConnectionsOf(app: NestFastifyApplication, max: number, logger: Logger): void {
  const closed = new Counter({
    name: 'http_connections_closed_at_limit_total',
    help: 'Connections closed because MAX_CONNECTIONS were open: an idle one to make room (idle), or the new one (new).',
    labelNames: ['connection'],
    registers: [app.get(Registry)],
  });
  let warnedAt = -Infinity;
  const closing = (connection: 'idle' | 'new') => () => {
    closed.inc({ connection });
    if (performance.now() - warnedAt < LIMIT_WARNING_INTERVAL_MS) return;
    warnedAt = performance.now();
    logger.warn(
      { maxConnections: max },
      `MAX_CONNECTIONS=${max} connections are open: closing ${connection === 'idle' ? 'the longest idle ones' : 'new ones'} (http_connections_closed_at_limit_total)`,
    );
  };
  limitConnections(app.getHttpServer(), max, {
    onIdleClosed: closing('idle'),
    onRefused: closing('new'),
  });
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
  app: NestFastifyApplication,
  log: ServiceLogger,
  { shutdownTimeoutMs, shutdownDrainMs }: ServerConfig,
) {
  const { logger } = log;
  const exit = (code: number) => {
    log.flush();
    process.exit(code);
  };
  let closing = false;
  const close = (signal: NodeJS.Signals) => {
    if (closing) {
      logger.error({ signal }, `${signal} received again, exiting without finishing the shutdown`);
      exit(128 + constants.signals[signal]);
    }
    closing = true;
    logger.info({ signal }, `${signal} received, shutting down`);
    const deadline = setTimeout(() => {
      logger.warn(
        { shutdownTimeoutMs },
        `requests still open after SHUTDOWN_TIMEOUT_MS=${shutdownTimeoutMs}, closing their connections`,
      );
      app.getHttpServer().closeAllConnections();
      setTimeout(() => {
        logger.error('shutdown did not complete after its connections were closed');
        exit(1);
      }, FORCED_CLOSE_GRACE_MS).unref();
    }, shutdownTimeoutMs);
    drainConnections(app.getHttpServer(), Math.min(shutdownDrainMs, shutdownTimeoutMs))
      .then(() => app.close())
      .then(
        () => {
          clearTimeout(deadline);
          logger.info('shut down');
          exit(0);
        },
        (error: Error) => {
          logger.error({ err: error }, `shutdown failed: ${error.message}`);
          exit(1);
        },
      );
  };
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
}
