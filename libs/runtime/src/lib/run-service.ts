import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { StartupError } from './startup-error';

export interface ServiceDefinition {
  module: DynamicModule | Type;
  port: number;
  /** Called with the created app before it listens, e.g. to add Fastify hooks. */
  configure?: (app: NestFastifyApplication) => void;
}

/**
 * Starts a NestJS service on Fastify at 0.0.0.0:port and closes it gracefully on SIGTERM/SIGINT:
 * stop accepting connections, let in-flight requests finish, run the shutdown hooks, exit 0.
 * A failure at start prints one line naming the service and exits 1.
 */
export async function runService(
  name: string,
  define: () => ServiceDefinition,
): Promise<NestFastifyApplication> {
  let port: number | undefined;
  let app: NestFastifyApplication;
  try {
    const definition = define();
    port = definition.port;
    app = await NestFactory.create<NestFastifyApplication>(
      definition.module,
      new FastifyAdapter(),
      {
        logger: ['error', 'warn'],
        abortOnError: false,
      },
    );
    definition.configure?.(app);
    await app.listen(port, '0.0.0.0');
  } catch (error) {
    console.error(`${name}: ${describeStartupFailure(error, port)}`);
    process.exit(1);
  }
  console.log(`Starting HTTP service at ${port}`);
  closeOnSignals(name, app);
  return app;
}

function describeStartupFailure(error: unknown, port: number | undefined): string {
  if (error instanceof StartupError) return error.message;
  const { code, message } = error as NodeJS.ErrnoException;
  if (code === 'EADDRINUSE') return `port ${port} is already in use`;
  return `failed to start: ${String(message ?? error).split('\n')[0]}`;
}

/** A second signal during shutdown gets Node's default action: exit at once. */
function closeOnSignals(name: string, app: NestFastifyApplication): void {
  const close = (signal: NodeJS.Signals) => {
    process.removeListener('SIGTERM', close);
    process.removeListener('SIGINT', close);
    console.log(`${signal} received, shutting down`);
    app.close().then(
      () => process.exit(0),
      (error: Error) => {
        console.error(`${name}: shutdown failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', close);
  process.on('SIGINT', close);
}
