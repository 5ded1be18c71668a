import type { Quote } from '@landscape/contracts';
import {
  builtDocumentPath,
  type ErrorContractCase,
  errorBodyProblems,
  frameworkErrorCases,
  getJson,
  holdToContract,
  rawRequest,
  waitFor,
} from '@landscape/testing';
import { type RunningService, spawnService, startService } from '@landscape/processes';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { hostname } from 'node:os';

describe('quotes-service', () => {
  let service: RunningService;
  let port: number;
  let url: string;

  beforeAll(async () => {
    service = await startService('quotes-service');
    await holdToContract(service, 'quotes-service');
    ({ port, url } = service);
  });

  afterAll(() => service.stop());

  it.each([['?strength=4'], ['?strength=0'], ['?strength=16'], ['']])(
    'answers GET /api/quote%s with a Quote naming this instance',
    async (query) => {
      const response = await getJson<Quote>(`${url}/api/quote${query}`);
      expect(response.status).toBe(200);
      expect(Object.keys(response.body)).toEqual(['quote', 'ipAddress', 'language']);
      expect(response.body.quote).toMatch(/ — \S/);
      expect(response.body.ipAddress).toMatch(
        new RegExp(`^${hostname()}/\\d{1,3}(\\.\\d{1,3}){3}:${port}$`),
      );
      expect(response.body.language).toMatch(/^[a-z]{2}$/);
    },
  );

  it('draws quotes from a collection, not one fixed answer', async () => {
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) seen.add((await getJson<Quote>(`${url}/api/quote`)).body.quote);
    expect(seen.size).toBeGreaterThan(10);
  });

  it.each([['-1'], ['17'], ['abc'], ['4.5'], ['1e1'], ['']])(
    'answers 400 with a JSON body for strength=%p',
    async (strength) => {
      const response = await getJson(`${url}/api/quote?strength=${strength}`);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'strength must be a whole number from 0 to 16',
      });
    },
  );

  it('answers 400 when strength is given twice', async () => {
    const response = await getJson(`${url}/api/quote?strength=1&strength=2`);
    expect(response.status).toBe(400);
  });

  it.each<ErrorContractCase>([
    ...frameworkErrorCases('/api/quote?strength=4'),
    {
      name: 'bad percent-encoding in the query',
      request: { path: '/api/quote?strength=%ff' },
      status: 400,
    },
  ])('answers $name with an ErrorBody for $status and no echo', async ({ request, status }) => {
    const response = await rawRequest(url, request);
    expect(errorBodyProblems(response, status, request)).toEqual([]);
  });

  it('serves the OpenAPI document that the build wrote, as it is, and no API reference', async () => {
    const document = await rawRequest(url, { path: '/openapi.json' });
    expect(document.status).toBe(200);
    expect(document.headers['content-type']).toMatch(/^application\/json/);
    expect(document.text).toBe(readFileSync(builtDocumentPath('quotes-service'), 'utf8'));
    // Swagger UI is for runs from the sources; the bundle carries @nestjs/swagger's no-op shim.
    expect((await rawRequest(url, { path: '/api/docs' })).status).toBe(404);
  });

  it('reports UP on /health', async () => {
    const response = await getJson(`${url}/health`);
    expect(response.status).toBe(200);
    expect(response.text).toBe('{"status":"UP"}');
  });

  it('exits 0 on SIGTERM', async () => {
    const other = await startService('quotes-service');
    expect(await other.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(other.stdout).toContain('SIGTERM received, shutting down');
  });

  it('holds at most MAX_CONNECTIONS: slow clients give way to a new one, and the close is counted and logged', async () => {
    const limited = await startService('quotes-service', { MAX_CONNECTIONS: '4' });
    await holdToContract(limited, 'quotes-service');
    const slow: Socket[] = [];
    try {
      for (let i = 0; i < 4; i++) {
        const socket = connect(limited.port, '127.0.0.1');
        socket.on('error', () => undefined);
        await new Promise((resolve) => socket.once('connect', resolve));
        socket.write('GET /api/quote HTTP/1.1\r\nHost: x\r\nX-Slow: ');
        slow.push(socket);
      }
      const response = await getJson<Quote>(`${limited.url}/api/quote`);
      expect(response.status).toBe(200);
      await waitFor('the longest idle client to be closed', 2_000, () => slow[0].destroyed);
      expect(slow.slice(1).map((socket) => socket.destroyed)).toEqual([false, false, false]);
      const metrics = await rawRequest(limited.url, { path: '/metrics' });
      expect(metrics.text).toMatch(
        /^http_connections_closed_at_limit_total\{connection="idle"\} [1-9]/m,
      );
      await waitFor('the warning in the log', 2_000, () =>
        limited.stdout.includes(
          'MAX_CONNECTIONS=4 connections are open: closing the longest idle ones',
        ),
      );
    } finally {
      for (const socket of slow) socket.destroy();
      await limited.stop();
    }
  });

  it('rejects PORT=abc with one line and exit 1', async () => {
    const bad = spawnService('quotes-service', { PORT: 'abc' });
    expect(await bad.exited).toEqual({ code: 1, signal: null });
    expect(bad.stderr).toBe(
      'quotes-service: invalid configuration: PORT must be a whole number from 1 to 65535 (got "abc")\n',
    );
  });
});
