import { Agent, Client, Dispatcher } from 'undici';

/**
 * How long a pooled connection may sit idle, whatever keep-alive timeout the server announces
 * (Fastify's is 72 s): after a burst, the pool shrinks within seconds.
 */
const IDLE_CONNECTION_MS = 4_000;

export interface RenewingPoolOptions {
  /** A connect that gets no answer (a partition, a node gone) is given up after this long. */
  connectTimeoutMs: number;
  /** How long a set of connections takes new calls before they move to a new set. */
  maxAgeMs: number;
}

/**
 * Keep-alive connections, up to 256 at a time. A kept-alive connection stays pinned to the
 * instance it first reached, so every `maxAgeMs` new calls move to a new set of connections,
 * which resolve the service name again, and the old set is closed once its calls in flight are
 * done: replicas added by a scale-up get their share of calls within that time, at any load. A
 * limit of requests per connection did the same at a cost that grew with the load.
 */
export class RenewingPool {
  /** What calls go through: the current set of connections. */
  readonly dispatcher: Dispatcher;
  private agent: Agent;
  private readonly retiring = new Set<Promise<void>>();
  private readonly renewal: NodeJS.Timeout;
  private closed?: Promise<void>;

  constructor(private readonly options: RenewingPoolOptions) {
    this.agent = this.newAgent();
    this.dispatcher = new Forwarding(() => this.agent);
    this.renewal = setInterval(() => this.renew(), options.maxAgeMs).unref();
  }

  /** One new connection, outside the pool, for a retry (see undiciAdapter); its user closes it. */
  freshConnection(origin: string): Dispatcher {
    return new Client(origin, { connectTimeout: this.options.connectTimeoutMs, pipelining: 0 });
  }

  /**
   * Stops the renewal and closes every connection once its call in flight is done; a second
   * close waits for the first.
   */
  close(): Promise<void> {
    clearInterval(this.renewal);
    this.closed ??= Promise.all([this.agent.close(), ...this.retiring]).then(() => undefined);
    return this.closed;
  }

  private newAgent(): Agent {
    return new Agent({
      connections: 256,
      keepAliveTimeout: IDLE_CONNECTION_MS,
      keepAliveMaxTimeout: IDLE_CONNECTION_MS,
      connectTimeout: this.options.connectTimeoutMs,
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
