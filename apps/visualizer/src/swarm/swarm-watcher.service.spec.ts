import { SWARM_EVENTS, type SwarmGraph } from '@landscape/contracts';
import { PassThrough } from 'node:stream';
import { Registry } from 'prom-client';
import type { DockerEngine } from './docker-engine';
import { type SwarmUpdate, SwarmWatcher } from './swarm-watcher.service';

/** An engine that answers the four list calls from memory, counts them, and can fail. */
function fakeEngine() {
  const engine = {
    reads: 0,
    replicas: 1,
    workerState: 'ready',
    failure: undefined as Error | undefined,
    docker: {
      listNodes: async () => {
        engine.reads++;
        return [
          {
            ID: 'n1',
            Description: { Hostname: 'm1' },
            Spec: { Role: 'manager' },
            Status: { State: 'ready' },
          },
          {
            ID: 'n2',
            Description: { Hostname: 'w1' },
            Spec: { Role: 'worker' },
            Status: { State: engine.workerState },
          },
        ];
      },
      listServices: async () => [
        { ID: 's1', Spec: { Name: 'svc', Mode: { Replicated: { Replicas: engine.replicas } } } },
      ],
      listTasks: async () => [],
      listNetworks: async () => [],
    },
    call: async (
      _what: string,
      send: (docker: unknown, signal: AbortSignal) => Promise<unknown>,
    ) => {
      if (engine.failure) throw engine.failure;
      return send(engine.docker, new AbortController().signal);
    },
    events: async () => engine.eventStream,
    eventStream: new PassThrough(),
  };
  return engine;
}

describe('SwarmWatcher', () => {
  let engine: ReturnType<typeof fakeEngine>;
  let watcher: SwarmWatcher;
  let updates: SwarmUpdate[];
  let registry: Registry;

  beforeEach(() => {
    engine = fakeEngine();
    registry = new Registry();
    watcher = new SwarmWatcher(
      engine as unknown as DockerEngine,
      { pollIntervalMs: 60_000 },
      registry,
    );
    updates = [];
    watcher.updates.subscribe((update) => updates.push(update));
  });

  afterEach(() => watcher.onModuleDestroy());

  const graphs = () =>
    updates
      .filter((u) => u.event === SWARM_EVENTS.graph)
      .map((u) => (JSON.parse(u.json) as SwarmGraph).services[0].desiredReplicas);

  it('reads once per refresh, and publishes the graph only when it changed, serialised once', async () => {
    const stringify = jest.spyOn(JSON, 'stringify');
    await watcher.refresh();
    await watcher.refresh(); // nothing changed
    engine.replicas = 3;
    stringify.mockClear();
    await watcher.refresh();
    expect(stringify).toHaveBeenCalledTimes(1);
    stringify.mockRestore();
    expect(engine.reads).toBe(3);
    expect(graphs()).toEqual([1, 3]);
    expect(JSON.parse(watcher.graphJson ?? '')).toMatchObject({
      services: [{ desiredReplicas: 3 }],
    });
  });

  it('exports each node as ready or not, as the managers see it', async () => {
    const ready = async () =>
      (await registry.getSingleMetric('swarm_node_ready')?.get())?.values.map(
        ({ labels, value }) => `${labels['hostname']} ${labels['role']} ${value}`,
      );
    await watcher.refresh();
    expect(await ready()).toEqual(['m1 manager 1', 'w1 worker 1']);
    engine.workerState = 'down';
    await watcher.refresh();
    expect(await ready()).toEqual(['m1 manager 1', 'w1 worker 0']);
  });

  it('folds reads asked for during a read into one more read', async () => {
    await Promise.all([watcher.refresh(), watcher.refresh(), watcher.refresh(), watcher.refresh()]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(engine.reads).toBe(2);
  });

  it('publishes when the engine stops answering and when it answers again, and keeps the last graph', async () => {
    await watcher.refresh();
    engine.failure = new Error('GET /tasks: no answer within 5000 ms');
    await watcher.refresh();
    await watcher.refresh();
    expect(watcher.engineStatus).toMatchObject({
      answering: false,
      reason: 'GET /tasks: no answer within 5000 ms',
    });
    expect(watcher.graphJson).toBeDefined();
    engine.failure = undefined;
    engine.replicas = 2;
    await watcher.refresh();
    expect(updates.map((u) => u.event)).toEqual(['engine', 'graph', 'engine', 'engine', 'graph']);
    expect(watcher.engineStatus?.answering).toBe(true);
    expect(watcher.current().map((u) => u.event)).toEqual(['engine', 'graph']);
  });

  it('reads the swarm shortly after an event that changes the graph, and not after health-check execs', async () => {
    watcher.onModuleInit();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const before = engine.reads;
    for (const action of [
      'exec_create: node healthcheck.cjs',
      'exec_start: node healthcheck.cjs',
      'exec_die',
    ]) {
      engine.eventStream.write(`${JSON.stringify({ Type: 'container', Action: action })}\n`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(engine.reads).toBe(before);
    // a line split over two chunks
    engine.eventStream.write('{"Type":"container","Action":"health_');
    engine.eventStream.write('status: healthy"}\n');
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(engine.reads).toBe(before + 1);
  });
});
