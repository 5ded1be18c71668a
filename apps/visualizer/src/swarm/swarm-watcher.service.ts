import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { type EngineStatus, SWARM_EVENTS } from '@landscape/contracts';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { Subject } from 'rxjs';
import { type VisualizerConfig, VISUALIZER_CONFIG } from '../config/visualizer.config';
import { DockerEngine } from './docker-engine';
import { changesGraph, GRAPH_EVENT_FILTERS } from './graph-events';
import { type DockerSwarmState, toSwarmGraph } from './swarm-graph';

/** One change to publish: the event's name and its data, serialised once for every client. */
export interface SwarmUpdate {
  event: (typeof SWARM_EVENTS)[keyof typeof SWARM_EVENTS];
  json: string;
}

/** Events come in bursts (a scale-up is several): read the swarm once per burst. */
const EVENT_DEBOUNCE_MS = 100;
const EVENTS_RETRY_MS = 2_000;

/**
 * The one reader of the Docker API, whatever the number of browsers: it reads the swarm when a
 * graph-changing event arrives and every pollIntervalMs, and publishes the graph when it changed
 * and the engine's status when it changed. Every engine call is bounded, so each read settles,
 * and the next read always starts.
 */
@Injectable()
export class SwarmWatcher implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SwarmWatcher.name);
  private readonly updates$ = new Subject<SwarmUpdate>();
  private graph: string | undefined;
  private engine: EngineStatus | undefined;
  private reading: Promise<void> | undefined;
  private readAgain = false;
  private pollTimer?: NodeJS.Timeout;
  private debounceTimer?: NodeJS.Timeout;
  private events?: NodeJS.ReadableStream;
  private stopped = false;
  private readonly readDuration: Histogram<'outcome'>;
  private readonly readErrors: Counter;
  private readonly nodesReady: Gauge<'hostname' | 'role'>;

  constructor(
    private readonly docker: DockerEngine,
    @Inject(VISUALIZER_CONFIG) private readonly config: Pick<VisualizerConfig, 'pollIntervalMs'>,
    registry: Registry,
  ) {
    this.readDuration = new Histogram({
      name: 'engine_read_duration_seconds',
      help: 'Reads of the swarm from the Docker engine (its four list calls), by outcome: ok or error.',
      labelNames: ['outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    this.readErrors = new Counter({
      name: 'engine_read_errors_total',
      help: 'Reads of the swarm that failed or did not answer within DOCKER_TIMEOUT_MS.',
      registers: [registry],
    });
    // The swarm's own view of its nodes, which outlives a lost node's tasks: Swarm removes the
    // tasks of a node that is down, so no scrape of that node is left to fail.
    this.nodesReady = new Gauge({
      name: 'swarm_node_ready',
      help: 'Each node of the swarm as the managers see it: 1 when ready, 0 when down, unknown or disconnected.',
      labelNames: ['hostname', 'role'],
      registers: [registry],
    });
  }

  /** Each change to the graph or to the engine's status. */
  get updates() {
    return this.updates$.asObservable();
  }

  /** The graph as JSON, once the swarm has been read. */
  get graphJson(): string | undefined {
    return this.graph;
  }

  get engineStatus(): EngineStatus | undefined {
    return this.engine;
  }

  /** What a client that arrives now needs: the current status and graph. */
  current(): SwarmUpdate[] {
    const now: SwarmUpdate[] = [];
    if (this.engine) now.push({ event: SWARM_EVENTS.engine, json: JSON.stringify(this.engine) });
    if (this.graph) now.push({ event: SWARM_EVENTS.graph, json: this.graph });
    return now;
  }

  onModuleInit(): void {
    this.pollTimer = setInterval(() => void this.refresh(), this.config.pollIntervalMs);
    void this.refresh();
    void this.followEvents();
  }

  /** Runs before the HTTP server closes: ending the event stream lets its connection go. */
  onModuleDestroy(): void {
    this.stopped = true;
    clearInterval(this.pollTimer);
    clearTimeout(this.debounceTimer);
    (this.events as { destroy?: () => void } | undefined)?.destroy?.();
    this.updates$.complete();
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
    let state: DockerSwarmState;
    const stopTimer = this.readDuration.startTimer();
    try {
      const [nodes, services, tasks, networks] = await Promise.all([
        this.docker.call('GET /nodes', (d, abortSignal) => d.listNodes({ abortSignal })),
        this.docker.call('GET /services', (d, abortSignal) => d.listServices({ abortSignal })),
        this.docker.call('GET /tasks', (d, abortSignal) => d.listTasks({ abortSignal })),
        this.docker.call('GET /networks', (d, abortSignal) => d.listNetworks({ abortSignal })),
      ]);
      state = { nodes, services, tasks, networks } as unknown as DockerSwarmState;
      stopTimer({ outcome: 'ok' });
    } catch (error) {
      stopTimer({ outcome: 'error' });
      this.readErrors.inc();
      this.setEngine(false, (error as Error).message);
      return;
    }
    this.setEngine(true);
    const graph = toSwarmGraph(state);
    this.nodesReady.reset();
    for (const { hostname, role, state: nodeState } of graph.nodes) {
      this.nodesReady.set({ hostname, role }, nodeState === 'ready' ? 1 : 0);
    }
    const json = JSON.stringify(graph);
    if (json !== this.graph && !this.stopped) {
      this.graph = json;
      this.updates$.next({ event: SWARM_EVENTS.graph, json });
    }
  }

  private setEngine(answering: boolean, reason = ''): void {
    if (this.engine?.answering === answering || this.stopped) return;
    const since = new Date().toISOString();
    this.engine = answering ? { answering, since } : { answering, since, reason };
    if (answering) this.logger.log('the Docker engine answers');
    else this.logger.warn(`the Docker engine does not answer: ${reason}`);
    this.updates$.next({ event: SWARM_EVENTS.engine, json: JSON.stringify(this.engine) });
  }

  private async followEvents(): Promise<void> {
    while (!this.stopped) {
      try {
        const stream = await this.docker.events(GRAPH_EVENT_FILTERS);
        this.events = stream;
        await new Promise<void>((resolve) => {
          let partial = '';
          stream.on('data', (chunk: Buffer) => {
            const lines = (partial + chunk.toString('utf8')).split('\n');
            partial = lines.pop() ?? '';
            if (lines.some(changesGraph)) this.onEvent();
          });
          stream.on('end', resolve);
          stream.on('close', resolve);
          stream.on('error', resolve);
        });
      } catch (error) {
        this.logger.warn(`cannot follow Docker events: ${(error as Error).message}`);
      }
      if (!this.stopped) {
        void this.refresh(); // whatever happened while the stream was down
        await new Promise((resolve) => setTimeout(resolve, EVENTS_RETRY_MS));
      }
    }
  }

  private onEvent(): void {
    clearTimeout(this.debounceTimer);
    this.debounceTimer = setTimeout(() => void this.refresh(), EVENT_DEBOUNCE_MS);
  }
}
