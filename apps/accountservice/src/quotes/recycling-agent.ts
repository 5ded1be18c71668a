import { Agent, type AgentOptions } from 'node:http';
import type { Duplex } from 'node:stream';

/**
 * A keep-alive pool whose connections each carry at most `maxRequestsPerSocket` requests. A
 * kept-alive connection stays pinned to the instance it first reached; reconnecting now and then
 * resolves the service name again, so that replicas added by a scale-up get their share of calls.
 */
export class RecyclingAgent extends Agent {
  private readonly uses = new WeakMap<Duplex, number>();

  constructor(
    private readonly maxRequestsPerSocket: number,
    options: AgentOptions = {},
  ) {
    super({ ...options, keepAlive: true });
  }

  /** Node destroys the socket instead of pooling it when this returns false. */
  override keepSocketAlive(socket: Duplex): boolean {
    const uses = (this.uses.get(socket) ?? 0) + 1;
    this.uses.set(socket, uses);
    if (uses >= this.maxRequestsPerSocket) return false;
    // @types/node declares void here, but Node's Agent returns and uses the boolean.
    return super.keepSocketAlive(socket) as unknown as boolean;
  }
}
