import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ServerResponse } from 'node:http';
import { Gauge, Registry } from 'prom-client';
import type { Subscription } from 'rxjs';
import { type VisualizerConfig, VISUALIZER_CONFIG } from '../config/visualizer.config';
import { type SwarmUpdate, SwarmWatcher } from '../swarm/swarm-watcher.service';

const HEARTBEAT = ': heartbeat\n\n';

function encode({ event, json }: SwarmUpdate): string {
  return `event: ${event}\ndata: ${json}\n\n`;
}

/**
 * The browsers following /api/events (server-sent events). Each change is encoded once and
 * written to every client; at most maxLiveClients are served, and a client whose unsent bytes
 * pass liveClientBufferBytes (it stopped reading) is dropped instead of holding them.
 */
@Injectable()
export class LiveClients implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(LiveClients.name);
  private readonly clients = new Set<ServerResponse>();
  private subscription?: Subscription;
  private heartbeat?: NodeJS.Timeout;

  constructor(
    private readonly watcher: SwarmWatcher,
    @Inject(VISUALIZER_CONFIG)
    private readonly config: Pick<
      VisualizerConfig,
      'maxLiveClients' | 'liveClientBufferBytes' | 'liveHeartbeatMs'
    >,
    registry: Registry,
  ) {
    const clients = this.clients;
    new Gauge({
      name: 'live_clients',
      help: 'Browsers following /api/events now.',
      registers: [registry],
      collect() {
        this.set(clients.size);
      },
    });
  }

  get limit(): number {
    return this.config.maxLiveClients;
  }

  onModuleInit(): void {
    this.subscription = this.watcher.updates.subscribe((update) => this.broadcast(encode(update)));
    this.heartbeat = setInterval(() => this.broadcast(HEARTBEAT), this.config.liveHeartbeatMs);
  }

  /** Runs before the HTTP server closes, which would otherwise wait for these streams. */
  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    clearInterval(this.heartbeat);
    for (const client of this.clients) client.end();
    this.clients.clear();
  }

  /** Takes over the reply as an event stream; false when the limit is reached. */
  open(reply: FastifyReply): boolean {
    if (this.clients.size >= this.config.maxLiveClients) return false;
    void reply.hijack();
    const client = reply.raw;
    client.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      'x-accel-buffering': 'no',
    });
    client.write(this.watcher.current().map(encode).join('') || HEARTBEAT);
    this.clients.add(client);
    client.on('close', () => this.clients.delete(client));
    return true;
  }

  private broadcast(message: string): void {
    for (const client of this.clients) {
      if (client.writableLength > this.config.liveClientBufferBytes) {
        this.logger.warn(
          `dropped a live client that stopped reading (${client.writableLength} bytes unsent)`,
        );
        this.clients.delete(client);
        client.destroy();
      } else {
        client.write(message);
      }
    }
  }
}
