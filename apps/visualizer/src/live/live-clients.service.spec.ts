import { waitFor } from '@landscape/testing';
import fastify, { type FastifyInstance } from 'fastify';
import { request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { Registry } from 'prom-client';
import { Subject } from 'rxjs';
import type { SwarmUpdate, SwarmWatcher } from '../swarm/swarm-watcher.service';
import { LiveClients } from './live-clients.service';

/** A browser's EventSource, as far as these tests need: everything it has received so far. */
function follow(
  url: string,
): Promise<{ received: () => string; close: () => void; status: number }> {
  return new Promise((resolve, reject) => {
    const sent = request(url, (response) => {
      let text = '';
      response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      resolve({
        received: () => text,
        close: () => sent.destroy(),
        status: response.statusCode ?? 0,
      });
    });
    sent.on('error', reject);
    sent.end();
  });
}

/** A client that asks for the stream and then never reads from its socket. */
async function pausedClient(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write('GET /events HTTP/1.1\r\nhost: x\r\n\r\n');
  socket.pause();
  socket.on('error', () => undefined);
  return socket;
}

describe('LiveClients over real HTTP', () => {
  const updates = new Subject<SwarmUpdate>();
  const watcher = {
    updates,
    current: () => [{ event: 'graph', json: '{"nodes":[]}' }],
  } as unknown as SwarmWatcher;
  let live: LiveClients;
  let registry: Registry;
  /** The live_clients gauge, as /metrics shows it. */
  const following = async () =>
    (await registry.getSingleMetric('live_clients')?.get())?.values[0]?.value;
  let server: FastifyInstance;
  let url: string;

  beforeEach(async () => {
    registry = new Registry();
    live = new LiveClients(
      watcher,
      { maxLiveClients: 3, liveClientBufferBytes: 64 * 1024, liveHeartbeatMs: 100 },
      registry,
    );
    live.onModuleInit();
    server = fastify();
    server.get('/events', (_request, reply) => {
      if (!live.open(reply)) void reply.code(503).send({ full: true });
    });
    url = `${await server.listen({ port: 0, host: '127.0.0.1' })}/events`;
  });

  afterEach(async () => {
    live.onModuleDestroy();
    await server.close();
  });

  it('sends the current state at once, then each update to every client, as server-sent events', async () => {
    const [a, b] = await Promise.all([follow(url), follow(url)]);
    updates.next({ event: 'engine', json: '{"answering":true}' });
    await waitFor('the update', 5_000, () => b.received().includes('answering'));
    for (const client of [a, b]) {
      expect(client.received()).toMatch(
        /^event: graph\ndata: \{"nodes":\[\]\}\n\n(: heartbeat\n\n)*event: engine\ndata: \{"answering":true\}\n\n/,
      );
    }
    a.close();
    b.close();
  });

  it('sends a heartbeat comment every interval', async () => {
    const client = await follow(url);
    await waitFor(
      'three heartbeats',
      5_000,
      () => client.received().split(': heartbeat\n\n').length > 3,
    );
    client.close();
  });

  it('serves at most maxLiveClients, and one more when one has left', async () => {
    const clients = await Promise.all([follow(url), follow(url), follow(url)]);
    expect((await follow(url)).status).toBe(503);
    clients[0].close();
    await waitFor('the client to leave', 5_000, async () => (await following()) === 2);
    const again = await follow(url);
    expect(again.status).toBe(200);
    [again, ...clients].forEach((client) => client.close());
  });

  it('drops a client that stops reading once its unsent bytes pass the bound, and keeps serving the others', async () => {
    const paused = await pausedClient(Number(new URL(url).port));
    const reading = await follow(url);
    await waitFor('both clients', 5_000, async () => (await following()) === 2);
    const big = 'x'.repeat(512 * 1024);
    for (let i = 0; i < 40 && (await following()) === 2; i++) {
      updates.next({ event: 'graph', json: `"${i}${big}"` });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await following()).toBe(1);
    updates.next({ event: 'engine', json: '"still here"' });
    await waitFor('the reading client to be served', 5_000, () =>
      reading.received().includes('still here'),
    );
    reading.close();
    paused.destroy();
  });

  it('ends every stream at shutdown', async () => {
    const client = await follow(url);
    live.onModuleDestroy();
    expect(await following()).toBe(0);
    client.close();
  });
});
