import type { FastifyInstance } from 'fastify';
import pino from 'pino';

/**
 * The request line as the services' RequestObserver writes it: pino, a buffered destination on
 * stdout, flushed every 250 ms.
 */
const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
setInterval(() => destination.flush(), 250).unref();
const logger = pino({ level: 'info' }, destination);

export function logRequests(instance: FastifyInstance): void {
  instance.addHook('onResponse', (request, reply, done) => {
    logger.info(
      {
        requestId: request.id,
        method: request.method,
        route: request.routeOptions.url,
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 100) / 100,
      },
      'request',
    );
    done();
  });
}

/**
 * Starts the baseline on the port given as its first argument, with the arguments after it;
 * flushes the log on SIGTERM.
 */
export function runBaseline(
  name: string,
  start: (port: number, args: string[]) => Promise<void>,
): void {
  process.on('SIGTERM', () => {
    destination.flushSync();
    process.exit(0);
  });
  start(Number(process.argv[2]), process.argv.slice(3)).catch((error: Error) => {
    console.error(`${name}: ${error.message}`);
    process.exit(1);
  });
}
