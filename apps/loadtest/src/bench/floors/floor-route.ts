import {
  type Account,
  FALLBACK_QUOTE,
  SEED_ACCOUNT_COUNT,
  seedAccount,
} from '@landscape/contracts';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';

/**
 * What the framework floors share: the seeded accounts in memory, with the fallback quote, and
 * the request line as the services' RequestObserver writes it (pino, a buffered destination on
 * stdout, flushed every 250 ms).
 */
export const accounts = new Map<string, Account>();
for (let index = 0; index < SEED_ACCOUNT_COUNT; index += 1) {
  const { id, name } = seedAccount(index);
  accounts.set(id, { id, name, servedBy: '127.0.0.1', quote: FALLBACK_QUOTE });
}

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
 * Starts the floor on the port given as its first argument, with the arguments after it; flushes
 * the log on SIGTERM.
 */
export function runFloor(
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
