import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Agent, Client, Dispatcher } from 'undici';
import {
  type AccountServiceConfig,
  ACCOUNT_SERVICE_CONFIG,
} from '../config/account-service.config';

/**
 * How long a pooled connection may sit idle, whatever keep-alive timeout the server announces
 * (Fastify's is 72 s): after a burst, the pool shrinks within seconds.
 */
const IDLE_CONNECTION_MS = 4_000;

/**
 * The keep-alive connections to quotes-service, up to 256 at a time, closed at shutdown.
 *
 * A kept-alive connection stays pinned to the instance it first reached. Every
 * `connectionMaxAgeMs` new calls move to a new set of connections, which resolve the service name
 * again, and the old set is closed once its calls in flight are done: replicas added by a
 * scale-up get their share of calls within that time, at any load. A limit of 100 requests per
 * connection did the same at a cost that grew with the load (docs/PERFORMANCE.md).
 */
@Injectable()
export class QuotesPool implements OnApplicationShutdown {
  /** What quote calls go through: the current set of connections. */
  readonly dispatcher: Dispatcher;
  private agent: Agent;
  private readonly retiring = new Set<Promise<void>>();
  private readonly renewal: NodeJS.Timeout;
  private readonly connectTimeoutMs: number;

  constructor(@Inject(ACCOUNT_SERVICE_CONFIG) config: Pick<AccountServiceConfig, 'quotes'>) {
    this.connectTimeoutMs = config.quotes.timeoutMs;
    this.agent = this.newAgent();
    this.dispatcher = new Forwarding(() => this.agent);
    this.renewal = setInterval(() => this.renew(), config.quotes.connectionMaxAgeMs).unref();
  }

  /** One new connection, outside the pool, for a retry (see undiciAdapter); its user closes it. */
  freshConnection(origin: string): Dispatcher {
    return new Client(origin, { connectTimeout: this.connectTimeoutMs, pipelining: 0 });
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.renewal);
    await Promise.all([this.agent.close(), ...this.retiring]);
  }

  private newAgent(): Agent {
    return new Agent({
      connections: 256,
      keepAliveTimeout: IDLE_CONNECTION_MS,
      keepAliveMaxTimeout: IDLE_CONNECTION_MS,
      // A connect that gets no answer (a partition, a node gone) is given up with the call.
      connectTimeout: this.connectTimeoutMs,
    });
  }

  private renew(): void {
    const old = this.agent;
    this.agent = this.newAgent();
    const closed = old.close().finally(() => this.retiring.delete(closed));
    this.retiring.add(closed);
  }
}

/** Sends each request through the dispatcher that `current` gives at that moment. */
class Forwarding extends Dispatcher {
  constructor(private readonly current: () => Dispatcher) {
    super();
  }

  override dispatch(
    options: Dispatcher.DispatchOptions,
    handler: Dispatcher.DispatchHandlers,
  ): boolean {
    return this.current().dispatch(options, handler);
  }
}
