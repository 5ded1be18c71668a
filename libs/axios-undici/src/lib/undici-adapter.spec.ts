import { sendJson, startStubServer, type StubServer, timed, waitFor } from '@landscape/testing';
import { freePort } from '@landscape/processes';
import axios, { AxiosError, type AxiosInstance } from 'axios';
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Agent, Client } from 'undici';
import { undiciAdapter } from './undici-adapter';

describe('undiciAdapter against a real HTTP server', () => {
  let stub: StubServer;
  let agent: Agent;
  let client: AxiosInstance;
  const seen: { method?: string; url?: string; header?: string; body: string }[] = [];
  const requestsPerConnection = new Map<Socket, number>();

  beforeEach(async () => {
    seen.length = 0;
    requestsPerConnection.clear();
    stub = await startStubServer((request, response) => {
      requestsPerConnection.set(
        request.socket,
        (requestsPerConnection.get(request.socket) ?? 0) + 1,
      );
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        seen.push({
          method: request.method,
          url: request.url,
          header: request.headers['x-trace'] as string,
          body,
        });
        if (request.url?.startsWith('/missing'))
          return sendJson(response, { message: 'gone' }, 404);
        if (request.url?.startsWith('/big')) return sendJson(response, { text: 'x'.repeat(5_000) });
        if (request.url?.startsWith('/slow')) return;
        sendJson(response, { ok: true });
      });
    });
    agent = new Agent({ connections: 4, maxRequestsPerClient: 10 });
    client = axios.create({ adapter: undiciAdapter(agent), baseURL: stub.url });
  });

  afterEach(async () => {
    await agent.close();
    await stub.close();
  });

  it('sends method, path, params, headers and body, and parses the JSON answer', async () => {
    const response = await client.post('/things', 'hello', {
      params: { strength: 4, skip: undefined },
      headers: { 'x-trace': 'abc' },
    });
    expect(response.status).toBe(200);
    expect(response.data).toEqual({ ok: true });
    expect(response.headers['content-type']).toBe('application/json');
    expect(seen).toEqual([
      { method: 'POST', url: '/things?strength=4', header: 'abc', body: 'hello' },
    ]);
  });

  it('rejects a status that validateStatus refuses, with the response attached', async () => {
    const error = await client.get('/missing').catch((caught: AxiosError) => caught);
    expect(error).toBeInstanceOf(AxiosError);
    expect(error).toMatchObject({
      code: 'ERR_BAD_REQUEST',
      response: { status: 404, data: { message: 'gone' } },
    });
  });

  it('rejects a body over maxContentLength', async () => {
    const error = await client
      .get('/big', { maxContentLength: 1_000 })
      .catch((caught: AxiosError) => caught);
    expect(error).toMatchObject({
      code: 'ERR_BAD_RESPONSE',
      message: 'maxContentLength size of 1000 exceeded',
    });
  });

  it('cancels on the abort signal, and times out on the timeout option', async () => {
    const canceled = await client
      .get('/slow', { signal: AbortSignal.timeout(50) })
      .catch((caught: unknown) => caught);
    expect(axios.isCancel(canceled)).toBe(true);
    const timedOut = await client
      .get('/slow', { timeout: 50 })
      .catch((caught: AxiosError) => caught);
    expect(timedOut).toMatchObject({ code: 'ETIMEDOUT' });
  });

  it('cancels on the abort signal while the connection is still being made', async () => {
    // A connector that never completes: what a peer that drops SYNs looks like to undici, which
    // on its own notices the signal only once connected (accountservice-e2e has the real one).
    const stuck = new Agent({ connect: () => undefined });
    const stuckClient = axios.create({ adapter: undiciAdapter(stuck) });
    const { value, elapsedMs } = await timed(() =>
      stuckClient
        .get('http://192.0.2.1:8080/', { signal: AbortSignal.timeout(100) })
        .catch((caught: unknown) => caught),
    );
    expect(axios.isCancel(value)).toBe(true);
    expect(elapsedMs).toBeLessThan(3_000);
    await stuck.destroy();
  });

  it('reports a refused connection with its code', async () => {
    const error = await client
      .get(`http://127.0.0.1:${await freePort()}/`)
      .catch((caught: AxiosError) => caught);
    expect(error).toBeInstanceOf(AxiosError);
    expect((error as AxiosError).code).toBe('ECONNREFUSED');
  });

  it('keeps a connection alive for up to maxRequestsPerClient requests, then opens a new one', async () => {
    for (let i = 0; i < 25; i++) expect((await client.get('/')).data).toEqual({ ok: true });
    const counts = [...requestsPerConnection.values()];
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(25);
    // undici closes a connection after the request that exceeds the limit: 10 + 1
    expect(Math.max(...counts)).toBe(11);
    // kept alive: a handful of connections, not one per request
    expect(counts.length).toBeGreaterThanOrEqual(3);
    expect(counts.length).toBeLessThanOrEqual(5);
  });
});

describe('undiciAdapter retry on a fresh connection', () => {
  let stub: StubServer;
  let agent: Agent;
  let fresh: number;
  let client: AxiosInstance;
  /** What the stub does with the nth request (1-based). */
  let behave: (n: number, response: ServerResponse) => void;

  beforeEach(async () => {
    fresh = 0;
    stub = await startStubServer((request, response) => behave(stub.requests, response));
    agent = new Agent({ connections: 4 });
    const adapter = undiciAdapter(agent, {
      freshConnection: (origin) => {
        fresh += 1;
        return new Client(origin, { pipelining: 0 });
      },
    });
    client = axios.create({ adapter, baseURL: stub.url });
  });

  afterEach(async () => {
    await agent.close();
    await stub.close();
  });

  const dropConnection = (response: ServerResponse) => response.socket?.destroy();

  it('retries a GET once on a new connection when its connection failed before any answer', async () => {
    behave = (n, response) => (n === 1 ? dropConnection(response) : sendJson(response, { n }));
    const response = await client.get('/');
    expect(response.data).toEqual({ n: 2 });
    expect(fresh).toBe(1);
    expect(stub.connections).toBe(2);
  });

  it('never retries once the answer has begun', async () => {
    behave = (_n, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"half":');
      setTimeout(() => dropConnection(response), 20);
    };
    await expect(client.get('/')).rejects.toBeInstanceOf(AxiosError);
    expect(stub.requests).toBe(1);
    expect(fresh).toBe(0);
  });

  it('retries only once, and never a POST', async () => {
    behave = (_n, response) => dropConnection(response);
    await expect(client.get('/')).rejects.toMatchObject({
      code: expect.stringMatching(/ECONNRESET|UND_ERR_SOCKET/),
    });
    expect(stub.requests).toBe(2);
    await expect(client.post('/', 'x')).rejects.toBeInstanceOf(AxiosError);
    expect(stub.requests).toBe(3);
  });

  it('keeps the retry within the first attempt’s time budget', async () => {
    behave = (n, response) =>
      n === 1 ? setTimeout(() => dropConnection(response), 150) : undefined;
    const { value, elapsedMs } = await timed(() =>
      client.get('/', { signal: AbortSignal.timeout(300) }).catch((caught: unknown) => caught),
    );
    expect(axios.isCancel(value)).toBe(true);
    expect(stub.requests).toBe(2);
    expect(elapsedMs).toBeGreaterThanOrEqual(295);
    expect(elapsedMs).toBeLessThan(3_000);
  });
});

describe('undiciAdapter hedged requests', () => {
  const HEDGE_AFTER_MS = 50;
  let stub: StubServer;
  let agent: Agent;
  let fresh: number;
  let hedges: number;
  let client: AxiosInstance;
  /** Requests whose connection the client closed before they were answered. */
  let abandoned: number;
  /** What the stub does with the nth request (1-based); undefined leaves it unanswered. */
  let behave: (n: number, response: ServerResponse) => void;

  beforeEach(async () => {
    fresh = 0;
    hedges = 0;
    abandoned = 0;
    stub = await startStubServer((request, response) => {
      response.on('close', () => {
        if (!response.writableEnded) abandoned += 1;
      });
      behave(stub.requests, response);
    });
    agent = new Agent({ connections: 100 });
    const adapter = undiciAdapter(agent, {
      freshConnection: (origin) => {
        fresh += 1;
        return new Client(origin, { pipelining: 0 });
      },
      hedgeAfterMs: HEDGE_AFTER_MS,
      onHedge: () => (hedges += 1),
    });
    client = axios.create({ adapter, baseURL: stub.url });
  });

  afterEach(async () => {
    await agent.close();
    await stub.close();
  });

  const stallFirst = (n: number, response: ServerResponse) => {
    if (n > 1) sendJson(response, { n });
  };

  it('sends a copy on a fresh connection when the answer is late, takes the first answer and abandons the other', async () => {
    behave = stallFirst;
    const { value, elapsedMs } = await timed(() =>
      client.get('/', { signal: AbortSignal.timeout(5_000) }),
    );
    expect(value.data).toEqual({ n: 2 });
    expect(elapsedMs).toBeGreaterThanOrEqual(HEDGE_AFTER_MS - 5);
    expect(elapsedMs).toBeLessThan(2_000);
    expect({ fresh, hedges }).toEqual({ fresh: 1, hedges: 1 });
    await waitFor('the first attempt abandoned', 2_000, () => abandoned === 1, 10);
  });

  it('takes the first attempt’s answer when it comes before the hedge’s', async () => {
    behave = (n, response) => {
      if (n === 1) setTimeout(() => sendJson(response, { n }), HEDGE_AFTER_MS * 2);
    };
    const response = await client.get('/', { signal: AbortSignal.timeout(5_000) });
    expect(response.data).toEqual({ n: 1 });
    expect(hedges).toBe(1);
  });

  it('sends no copy when the answer comes in time', async () => {
    behave = (n, response) => sendJson(response, { n });
    for (let i = 1; i <= 20; i++) expect((await client.get('/')).data).toEqual({ n: i });
    expect({ fresh, hedges }).toEqual({ fresh: 0, hedges: 0 });
  });

  it('never hedges a POST', async () => {
    behave = () => undefined;
    const error = await client
      .post('/', 'x', { signal: AbortSignal.timeout(HEDGE_AFTER_MS * 4) })
      .catch((caught: unknown) => caught);
    expect(axios.isCancel(error)).toBe(true);
    expect(stub.requests).toBe(1);
    expect(hedges).toBe(0);
  });

  it('cancels both attempts when the budget runs out', async () => {
    behave = () => undefined;
    const { value, elapsedMs } = await timed(() =>
      client.get('/', { signal: AbortSignal.timeout(300) }).catch((caught: unknown) => caught),
    );
    expect(axios.isCancel(value)).toBe(true);
    expect(elapsedMs).toBeLessThan(3_000);
    expect(stub.requests).toBe(2);
    await waitFor('both attempts abandoned', 2_000, () => abandoned === 2, 10);
  });

  it('cancels an answer whose body stalls after its headers', async () => {
    behave = (_n, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"half":');
    };
    const error = await client
      .get('/', { signal: AbortSignal.timeout(HEDGE_AFTER_MS * 4) })
      .catch((caught: unknown) => caught);
    expect(axios.isCancel(error)).toBe(true);
    expect(hedges).toBe(0);
  });

  it('hedges at most a burst of 50 at once, then a tenth of the requests', async () => {
    behave = () => undefined;
    const calls = Array.from({ length: 80 }, () =>
      client.get('/', { signal: AbortSignal.timeout(HEDGE_AFTER_MS * 6) }).catch(() => undefined),
    );
    await Promise.all(calls);
    expect(hedges).toBe(50);
    hedges = 0;
    // The budget is spent; 20 more calls earn 2 hedges.
    const more = Array.from({ length: 20 }, () =>
      client.get('/', { signal: AbortSignal.timeout(HEDGE_AFTER_MS * 6) }).catch(() => undefined),
    );
    await Promise.all(more);
    expect(hedges).toBe(2);
  });
});
