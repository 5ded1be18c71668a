import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import type Docker from 'dockerode';
import { BehaviorSubject, filter, type Observable } from 'rxjs';
import { type VisualizerConfig, VISUALIZER_CONFIG } from '../config/visualizer.config';
import { DOCKER_CLIENT } from './docker-client';
import { type DockerSwarmState, toSwarmGraph } from './swarm-graph';
import type { SwarmGraph } from './swarm-graph.model';

const EVENT_TYPES: Array<'service' | 'node' | 'container' | 'network'> = [
  'service',
  'node',
  'container',
  'network',
];
/** Events come in bursts (a scale-up is several): read the swarm once per burst. */
const EVENT_DEBOUNCE_MS = 100;
const EVENTS_RETRY_MS = 2_000;

/**
 * The one reader of the Docker API, whatever the number of browsers: it reads the swarm when an
 * event arrives and every pollIntervalMs, and publishes the graph when it changed.
 */
@Injectable()
export class SwarmWatcher implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SwarmWatcher.name);
  private readonly graph$ = new BehaviorSubject<SwarmGraph | undefined>(undefined);
  private lastJson = '';
  private reading: Promise<void> | undefined;
  private readAgain = false;
  private pollTimer?: NodeJS.Timeout;
  private debounceTimer?: NodeJS.Timeout;
  private events?: NodeJS.ReadableStream;
  private stopped = false;

  constructor(
    @Inject(DOCKER_CLIENT) private readonly docker: Docker,
    @Inject(VISUALIZER_CONFIG) private readonly config: VisualizerConfig,
  ) {}

  /** The current graph, then every change. */
  get changes(): Observable<SwarmGraph> {
    return this.graph$.pipe(filter((graph): graph is SwarmGraph => graph !== undefined));
  }

  get current(): SwarmGraph | undefined {
    return this.graph$.value;
  }

  onModuleInit(): void {
    this.pollTimer = setInterval(() => void this.refresh(), this.config.pollIntervalMs);
    void this.refresh();
    void this.followEvents();
  }

  /** Runs before the HTTP server closes: ending the event streams lets their connections go. */
  onModuleDestroy(): void {
    this.stopped = true;
    clearInterval(this.pollTimer);
    clearTimeout(this.debounceTimer);
    (this.events as { destroy?: () => void } | undefined)?.destroy?.();
    this.graph$.complete();
  }

  /** Reads the swarm; a call during a read makes one more read after it, never two at once. */
  refresh(): Promise<void> {
    if (this.reading) {
      this.readAgain = true;
      return this.reading;
    }
    this.reading = this.read().finally(() => {
      this.reading = undefined;
      if (this.readAgain && !this.stopped) {
        this.readAgain = false;
        void this.refresh();
      }
    });
    return this.reading;
  }

  private async read(): Promise<void> {
    try {
      const [nodes, services, tasks, networks] = await Promise.all([
        this.docker.listNodes(),
        this.docker.listServices(),
        this.docker.listTasks(),
        this.docker.listNetworks(),
      ]);
      const graph = toSwarmGraph({
        nodes,
        services,
        tasks,
        networks,
      } as unknown as DockerSwarmState);
      const json = JSON.stringify(graph);
      if (json !== this.lastJson && !this.stopped) {
        this.lastJson = json;
        this.graph$.next(graph);
      }
    } catch (error) {
      this.logger.warn(`cannot read the swarm: ${(error as Error).message}`);
    }
  }

  private async followEvents(): Promise<void> {
    while (!this.stopped) {
      try {
        const stream = await this.docker.getEvents({ filters: { type: EVENT_TYPES } });
        this.events = stream;
        await new Promise<void>((resolve) => {
          stream.on('data', () => this.onEvent());
          stream.on('end', resolve);
          stream.on('close', resolve);
          stream.on('error', resolve);
        });
      } catch (error) {
        this.logger.warn(`cannot follow Docker events: ${(error as Error).message}`);
      }
      if (!this.stopped) await new Promise((resolve) => setTimeout(resolve, EVENTS_RETRY_MS));
    }
  }

  private onEvent(): void {
    clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => void this.refresh(), EVENT_DEBOUNCE_MS);
  }
}
