import {
  type FakeDockerEngine,
  fakeSwarm,
  printNow,
  startFakeDockerEngine,
  timed,
  waitFor,
} from '@landscape/testing';
import { replicasOf, startVisualizer, type VisualizerRun } from './support/visualizer';

describe('the visualizer when the Docker engine fails', () => {
  let visualizer: VisualizerRun;
  let engine: FakeDockerEngine | undefined;

  afterEach(async () => {
    await visualizer?.stop();
    await engine?.close();
    engine = undefined;
  });

  it('reports DOWN while no engine answers at start, then reads the engine that appears, at its version', async () => {
    visualizer = await startVisualizer();
    await waitFor('/health to say why it is down', 5_000, async () => {
      const { status, body } = await visualizer.health();
      return (
        status === 503 && body.status === 'DOWN' && /docker: not answering since /.test(body.reason)
      );
    });
    // An engine that refuses the old API versions a client might have fallen back to.
    engine = await startFakeDockerEngine({
      socketPath: visualizer.socketPath,
      apiVersion: '1.47',
      minApiVersion: '1.44',
    });
    const tookMs = await waitFor(
      'the graph',
      5_000,
      async () => replicasOf(await visualizer.graph()) === 1,
    );
    expect((await visualizer.health()).status).toBe(200);
    expect(engine.requests).toContain('GET /v1.47/tasks');
    printNow(`visualizer: graph read ${tookMs} ms after the engine appeared\n`);
  });

  it('survives a list call that never answers, and shows a change made after it within 5 s', async () => {
    visualizer = await startVisualizer();
    engine = await startFakeDockerEngine({ socketPath: visualizer.socketPath });
    await waitFor('the graph', 5_000, async () => replicasOf(await visualizer.graph()) === 1);

    engine.stall('/tasks', 1);
    await waitFor('the stalled call to be given up', 5_000, () =>
      visualizer.service.stdout.includes('GET /tasks: no answer within 500 ms'),
    );
    engine.swarm = fakeSwarm(3);
    const { value: tookMs } = await timed(() =>
      waitFor('the change to show', 5_000, async () => replicasOf(await visualizer.graph()) === 3),
    );
    expect((await visualizer.health()).status).toBe(200);
    printNow(`visualizer: change shown ${tookMs} ms after it was made, past a stalled call\n`);
  });

  it('reports DOWN with the reason while list calls stall, and UP once they answer again', async () => {
    visualizer = await startVisualizer();
    engine = await startFakeDockerEngine({ socketPath: visualizer.socketPath });
    await waitFor('the graph', 5_000, async () => replicasOf(await visualizer.graph()) === 1);

    engine.stall('/tasks');
    await waitFor('/health to report the stalled calls', 5_000, async () => {
      const { status, body } = await visualizer.health();
      return (
        status === 503 &&
        body.status === 'DOWN' &&
        body.reason.includes('GET /tasks: no answer within 500 ms')
      );
    });
    engine.resume();
    await waitFor(
      '/health to recover',
      5_000,
      async () => (await visualizer.health()).status === 200,
    );
  });

  it('negotiates again after the engine restarts on a newer API that rejects the old version', async () => {
    visualizer = await startVisualizer();
    engine = await startFakeDockerEngine({ socketPath: visualizer.socketPath, apiVersion: '1.43' });
    await waitFor('the graph', 5_000, async () => replicasOf(await visualizer.graph()) === 1);
    await engine.close();
    engine = await startFakeDockerEngine({
      socketPath: visualizer.socketPath,
      apiVersion: '1.48',
      minApiVersion: '1.48',
      swarm: fakeSwarm(2),
    });
    await waitFor(
      'the new engine to be read',
      5_000,
      async () => replicasOf(await visualizer.graph()) === 2,
    );
    expect((await visualizer.health()).status).toBe(200);
  });
});
