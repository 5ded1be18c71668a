import { createServiceApp } from '@landscape/runtime';
import { errorBodyProblems, type FakeDockerEngine, rawRequest, startFakeDockerEngine } from '@landscape/testing';
import { makeTempDir } from '@landscape/processes';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { request } from 'node:http';
import { join } from 'node:path';
import { AppModule } from './app.module';
import { loadConfig } from './config/docker-api-proxy.config';

describe('docker-api-proxy over HTTP, in front of a fake engine', () => {
  const dir = makeTempDir('docker-api-proxy');
  const socketPath = join(dir.path, 'docker.sock');
  let engine: FakeDockerEngine;
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    engine = await startFakeDockerEngine({ socketPath, apiVersion: '1.43' });
    const config = loadConfig({ DOCKER_SOCKET: socketPath });
    app = await createServiceApp({ module: AppModule.forRoot(config), methods: ['GET'] });
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  afterAll(async () => {
    await app.close();
    await engine.close();
    dir.remove();
  });

  it('forwards the reads the visualizer makes, with their query, and answers what the engine answered', async () => {
    const nodes = await rawRequest(url, { path: '/v1.43/nodes?filters=%7B%7D' });
    expect(nodes.status).toBe(200);
    expect(nodes.headers['api-version']).toBe('1.43');
    expect(JSON.parse(nodes.text)).toEqual(engine.swarm.nodes);
    expect((await rawRequest(url, { path: '/version' })).status).toBe(200);
    expect(engine.requests).toContain('GET /v1.43/nodes');
  });

  it('streams the event stream as events happen', async () => {
    const first = await new Promise<string>((resolve, reject) => {
      const events = request(`${url}/v1.43/events`, (response) => {
        response.setEncoding('utf8').once('data', (chunk: string) => {
          resolve(chunk);
          events.destroy();
        });
        engine.emitEvent({ Type: 'service', Action: 'update' });
      });
      events.on('error', reject);
      events.end();
    });
    expect(JSON.parse(first)).toEqual({ Type: 'service', Action: 'update' });
  });

  it.each([
    ['a container list', '/v1.43/containers/json'],
    ['an exec', '/v1.43/containers/abc/exec'],
    ['a service inspect, which shows its environment', '/v1.43/services/svc1'],
    ['secrets', '/v1.43/secrets'],
    ['a dot-segment escape', '/v1.43/nodes/../containers/json'],
    ['an encoded dot-segment escape', '/v1.43/nodes/%2e%2e/secrets'],
  ])('refuses %s with a 403 ErrorBody, and never reaches the engine', async (_, path) => {
    const before = engine.requests.length;
    const response = await rawRequest(url, { path });
    expect(errorBodyProblems(response, 403, { path })).toEqual([]);
    expect(engine.requests.length).toBe(before);
  });

  it.each(['POST', 'PUT', 'DELETE', 'HEAD'])('refuses %s with 405', async (method) => {
    const response = await rawRequest(url, { method, path: '/v1.43/services/create' });
    expect(response.status).toBe(405);
    expect(response.headers['allow']).toBe('GET');
  });

  it('reports UP while the engine answers, and a 502 ErrorBody and DOWN once it does not', async () => {
    expect((await rawRequest(url, { path: '/health' })).text).toBe('{"status":"UP"}');
    await engine.close();
    const read = await rawRequest(url, { path: '/v1.43/nodes' });
    expect(errorBodyProblems(read, 502, { path: '/v1.43/nodes' })).toEqual([]);
    const health = await rawRequest(url, { path: '/health' });
    expect(health.status).toBe(503);
    expect(JSON.parse(health.text)).toMatchObject({ status: 'DOWN' });
    engine = await startFakeDockerEngine({ socketPath });
  });
});
