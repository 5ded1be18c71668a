import { type FakeDockerEngine, startFakeDockerEngine, timed } from '@landscape/testing';
import { makeTempDir } from '@landscape/processes';
import { join } from 'node:path';
import { DockerEngine, EngineTimeoutError } from './docker-engine';

describe('DockerEngine against a fake engine on a unix socket', () => {
  const dir = makeTempDir('docker-engine');
  const socketPath = join(dir.path, 'docker.sock');
  let fake: FakeDockerEngine | undefined;
  let engine: DockerEngine;
  const listNodes = () =>
    engine.call('GET /nodes', (d, abortSignal) => d.listNodes({ abortSignal }));

  beforeAll(() => (process.env['DOCKER_HOST'] = `unix://${socketPath}`));
  beforeEach(() => (engine = new DockerEngine({ engineTimeoutMs: 300 })));
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });
  afterAll(() => {
    delete process.env['DOCKER_HOST'];
    dir.remove();
  });

  it('speaks the version the engine names on /version', async () => {
    fake = await startFakeDockerEngine({ socketPath, apiVersion: '1.47', minApiVersion: '1.47' });
    expect(await listNodes()).toHaveLength(1);
    expect(fake.requests).toEqual(['GET /version', 'GET /v1.47/nodes']);
  });

  it('negotiates at the first successful contact when the engine was not there at start', async () => {
    await expect(listNodes()).rejects.toThrow('ENOENT');
    fake = await startFakeDockerEngine({ socketPath, apiVersion: '1.47', minApiVersion: '1.47' });
    expect(await listNodes()).toHaveLength(1);
  });

  it('negotiates again after a restart onto an engine that rejects the old version', async () => {
    fake = await startFakeDockerEngine({ socketPath, apiVersion: '1.43', minApiVersion: '1.40' });
    await listNodes();
    await fake.close();
    fake = await startFakeDockerEngine({ socketPath, apiVersion: '1.48', minApiVersion: '1.44' });
    await expect(listNodes()).rejects.toThrow('client version 1.43 is too old');
    expect(await listNodes()).toHaveLength(1);
    expect(fake.requests.slice(-2)).toEqual(['GET /version', 'GET /v1.48/nodes']);
  });

  it('gives up on a call that never answers at the deadline, and the next call goes through', async () => {
    fake = await startFakeDockerEngine({ socketPath });
    fake.stall('/nodes', 1);
    const { value, elapsedMs } = await timed(() => listNodes().catch((error: unknown) => error));
    expect(value).toBeInstanceOf(EngineTimeoutError);
    expect((value as Error).message).toBe('GET /nodes: no answer within 300 ms');
    expect(elapsedMs).toBeLessThan(3_000);
    expect(await listNodes()).toHaveLength(1);
  });

  it('bounds the opening of the event stream, not the quiet stream itself', async () => {
    fake = await startFakeDockerEngine({ socketPath });
    const stream = await engine.events({ type: ['service'] });
    await new Promise((resolve) => setTimeout(resolve, 600)); // twice the timeout, no event
    const received = new Promise<string>((resolve) =>
      stream.once('data', (chunk: Buffer) => resolve(chunk.toString())),
    );
    fake.emitEvent({ Type: 'service', Action: 'update' });
    expect(JSON.parse(await received)).toEqual({ Type: 'service', Action: 'update' });
    (stream as unknown as { destroy(): void }).destroy();
  });
});
