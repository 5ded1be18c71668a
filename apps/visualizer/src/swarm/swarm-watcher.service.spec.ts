import type Docker from 'dockerode';
import { PassThrough } from 'node:stream';
import { SwarmWatcher } from './swarm-watcher.service';

/** An engine that answers the four list calls from memory and counts them. */
function fakeEngine() {
  const engine = {
    reads: 0,
    replicas: 1,
    events: new PassThrough(),
    listNodes: async () => {
      engine.reads++;
      return [{ ID: 'n1', Spec: { Role: 'manager' }, Status: { State: 'ready' } }];
    },
    listServices: async () => [
      { ID: 's1', Spec: { Name: 'svc', Mode: { Replicated: { Replicas: engine.replicas } } } },
    ],
    listTasks: async () => [],
    listNetworks: async () => [],
    getEvents: async () => engine.events,
  };
  return engine;
}

describe('SwarmWatcher', () => {
  let engine: ReturnType<typeof fakeEngine>;
  let watcher: SwarmWatcher;

  beforeEach(() => {
    engine = fakeEngine();
    watcher = new SwarmWatcher(engine as unknown as Docker, {
      server: { port: 0, shutdownTimeoutMs: 0 },
      pollIntervalMs: 60_000,
    });
  });

  afterEach(() => watcher.onModuleDestroy());

  it('reads once for any number of subscribers, and publishes only changes', async () => {
    const seen: number[][] = [[], [], []];
    const subscriptions = seen.map((list) =>
      watcher.changes.subscribe((graph) => list.push(graph.services[0].desiredReplicas)),
    );
    await watcher.refresh();
    await watcher.refresh(); // nothing changed
    engine.replicas = 3;
    await watcher.refresh();
    expect(engine.reads).toBe(3);
    expect(seen).toEqual([
      [1, 3],
      [1, 3],
      [1, 3],
    ]);
    subscriptions.forEach((s) => s.unsubscribe());
  });

  it('folds reads asked for during a read into one more read', async () => {
    await Promise.all([watcher.refresh(), watcher.refresh(), watcher.refresh(), watcher.refresh()]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(engine.reads).toBe(2);
  });

  it('reads the swarm shortly after a Docker event', async () => {
    watcher.onModuleInit();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const before = engine.reads;
    engine.events.write('{"Type":"service","Action":"update"}\n');
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(engine.reads).toBe(before + 1);
  });
});
