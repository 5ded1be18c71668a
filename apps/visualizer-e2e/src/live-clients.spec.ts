import {
  errorBodyProblems,
  type FakeDockerEngine,
  fakeSwarm,
  printNow,
  rawRequest,
  startFakeDockerEngine,
  waitFor,
} from '@landscape/testing';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { startVisualizer, type VisualizerRun } from './support/visualizer';

const PAUSED_CLIENTS = 40;

/** A browser tab that opened the event stream and then stopped reading from it. */
async function pausedClient(url: string): Promise<Socket> {
  const { port } = new URL(url);
  const socket = connect(Number(port), '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.on('error', () => undefined);
  socket.write('GET /api/events HTTP/1.1\r\nhost: visualizer\r\n\r\n');
  socket.pause();
  return socket;
}

function rssMiB(pid: number): number {
  const kib = Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
  return kib / 1024;
}

/** A swarm whose graph is about 250 kB of JSON, different at every `generation`. */
function bigSwarm(generation: number) {
  const swarm = fakeSwarm(400);
  swarm.tasks = swarm.tasks.map((task) => ({
    ...task,
    Status: { State: 'running', Message: `generation ${generation} ${'m'.repeat(400)}` },
  }));
  return swarm;
}

describe('the visualizer with many live clients', () => {
  let visualizer: VisualizerRun;
  let engine: FakeDockerEngine;

  beforeAll(async () => {
    visualizer = await startVisualizer({ MAX_LIVE_CLIENTS: String(PAUSED_CLIENTS + 2) });
    engine = await startFakeDockerEngine({ socketPath: visualizer.socketPath });
    await waitFor('the graph', 5_000, async () => (await visualizer.graph()) !== undefined);
  });

  afterAll(async () => {
    await visualizer.stop();
    await engine.close();
  });

  it(`stays within a bounded memory while ${PAUSED_CLIENTS} clients stop reading and the graph changes`, async () => {
    const pid = visualizer.service.process.pid as number;
    const before = rssMiB(pid);
    const clients = await Promise.all(
      Array.from({ length: PAUSED_CLIENTS }, () => pausedClient(visualizer.service.url)),
    );
    let peak = before;
    for (let generation = 1; generation <= 40; generation++) {
      engine.swarm = bigSwarm(generation);
      await waitFor(`generation ${generation}`, 5_000, async () =>
        JSON.stringify(await visualizer.graph()).includes(`generation ${generation} `),
      );
      peak = Math.max(peak, rssMiB(pid));
    }
    const dropped =
      visualizer.service.stdout.split('dropped a live client that stopped reading').length - 1;
    printNow(
      `visualizer: RSS ${before.toFixed(1)} MiB before, ${peak.toFixed(1)} MiB at most with ${PAUSED_CLIENTS} paused clients over 40 changes of a 250 kB graph; ${dropped} dropped\n`,
    );
    // Unbounded, each paused client would hold every change: 40 × 40 × 250 kB = 400 MB.
    expect(dropped).toBe(PAUSED_CLIENTS);
    // Reading a graph this large 4 times a second grows the heap by ~40 MiB with no client at all.
    expect(peak - before).toBeLessThan(100);
    clients.forEach((client) => client.destroy());
  }, 120_000);

  it('answers one client more than MAX_LIVE_CLIENTS with a 503 ErrorBody', async () => {
    engine.swarm = fakeSwarm(1);
    const clients = await Promise.all(
      Array.from({ length: PAUSED_CLIENTS + 2 }, () => pausedClient(visualizer.service.url)),
    );
    const request = { path: '/api/events' };
    const refused = await rawRequest(visualizer.service.url, request);
    expect(errorBodyProblems(refused, 503, request)).toEqual([]);
    expect(JSON.parse(refused.text).message).toBe(
      `too many live clients: this visualizer serves ${PAUSED_CLIENTS + 2} at once`,
    );
    clients.forEach((client) => client.destroy());
  });
});
