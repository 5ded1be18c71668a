import type { LoggerService } from '@nestjs/common';
import pino, { type Level, type Logger } from 'pino';
import type { Env } from './config';
import { ConfigError } from './startup-error';

const FLUSH_MS = 250;
const LEVELS: readonly string[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Nest's own start-up chatter (a line per module and route): debug, not info. */
const NEST_INTERNALS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

export interface ServiceLogger {
  logger: Logger;
  /** Writes out what is buffered; call before process.exit. */
  flush(): void;
}

/**
 * The one logger of a service: pino, at LOG_LEVEL (default info). With NODE_ENV=production it
 * writes JSON lines to stdout, buffered; otherwise (`npm start`) pino-pretty's lines for a
 * person, coloured only on a terminal. Fastify's request logs and Nest's logs both go through it.
 */
export function createLogger(service: string, env: Env): ServiceLogger {
  const level = env['LOG_LEVEL']?.trim() || 'info';
  if (!LEVELS.includes(level)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LEVELS.join(', ')} (got "${level}")`);
  }
  // pino's own `time` (epoch milliseconds): formatting an ISO string per line costs throughput
  // at peak (docs/PERFORMANCE.md).
  const options: pino.LoggerOptions = {
    level,
    base: { service },
    formatters: { level: (label) => ({ level: label }) },
  };
  // The images and the tests run with NODE_ENV=production; `npm start` and a bare `node main.js` not.
  if (process.env['NODE_ENV'] !== 'production') {
    const pretty = require('pino-pretty') as typeof import('pino-pretty');
    const stream = pretty({
      colorize: Boolean(process.stdout.isTTY),
      ignore: 'pid,hostname,service',
      translateTime: 'SYS:HH:MM:ss.l',
      sync: true,
    });
    return { logger: pino(options, stream), flush: () => undefined };
  }
  // Lines are gathered into writes of 4 KiB, and what is gathered goes out at least every
  // FLUSH_MS: a write per line costs throughput at peak (docs/PERFORMANCE.md).
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => destination.flush(), FLUSH_MS).unref();
  return { logger: pino(options, destination), flush: () => destination.flushSync() };
}

/** Nest's logger calls, on pino: Nest's context becomes a `context` field. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.write(context && NEST_INTERNALS.has(context) ? 'debug' : 'info', message, context);
  }

  error(message: unknown, stackOrContext?: string, context?: string): void {
    // Nest passes (message, stack, context) for errors, (message, context) otherwise.
    if (context !== undefined) this.write('error', message, context, stackOrContext);
    else this.write('error', message, stackOrContext);
  }

  warn(message: unknown, context?: string): void {
    this.write('warn', message, context);
  }

  debug(message: unknown, context?: string): void {
    this.write('debug', message, context);
  }

  verbose(message: unknown, context?: string): void {
    this.write('trace', message, context);
  }

  fatal(message: unknown, context?: string): void {
    this.write('fatal', message, context);
  }

  private write(level: Level, message: unknown, context?: string, stack?: string): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const fields = { ...(context && { context }), ...(stack && { stack }) };
    if (message instanceof Error) this.logger[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null)
      this.logger[level]({ ...fields, ...message });
    else this.logger[level](fields, String(message));
  }
}
