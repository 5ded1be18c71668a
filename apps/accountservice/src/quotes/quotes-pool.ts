import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Agent, Client, type Dispatcher } from 'undici';
import {
  type AccountServiceConfig,
  ACCOUNT_SERVICE_CONFIG,
} from '../config/account-service.config';

/**
 * Requests per pooled connection to quotes-service before it is closed and replaced. A kept-alive
 * connection stays pinned to the instance it first reached; reconnecting now and then resolves
 * the service name again, so that replicas added by a scale-up get their share of calls.
 */
const MAX_REQUESTS_PER_CONNECTION = 100;

/**
 * How long a pooled connection may sit idle, whatever keep-alive timeout the server announces
 * (Fastify's is 72 s): after a burst, the pool shrinks within seconds, so that the next calls
 * connect afresh and reach replicas added meanwhile.
 */
const IDLE_CONNECTION_MS = 4_000;

/** The keep-alive connections to quotes-service: up to 256 per origin, closed at shutdown. */
@Injectable()
export class QuotesPool implements OnApplicationShutdown {
  readonly agent: Agent;
  private readonly connectTimeoutMs: number;

  constructor(@Inject(ACCOUNT_SERVICE_CONFIG) config: Pick<AccountServiceConfig, 'quotes'>) {
    this.connectTimeoutMs = config.quotes.timeoutMs;
    this.agent = new Agent({
      connections: 256,
      maxRequestsPerClient: MAX_REQUESTS_PER_CONNECTION,
      keepAliveTimeout: IDLE_CONNECTION_MS,
      keepAliveMaxTimeout: IDLE_CONNECTION_MS,
      // A connect that gets no answer (a partition, a node gone) is given up with the call.
      connectTimeout: this.connectTimeoutMs,
    });
  }

  /** One new connection, outside the pool, for a retry (see undiciAdapter); its user closes it. */
  freshConnection(origin: string): Dispatcher {
    return new Client(origin, { connectTimeout: this.connectTimeoutMs, pipelining: 0 });
  }

  onApplicationShutdown(): Promise<void> {
    return this.agent.close();
  }
}
