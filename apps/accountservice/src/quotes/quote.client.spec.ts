import { FALLBACK_QUOTE, type Quote } from '@landscape/contracts';
import { freePort, sendJson, startStubServer, type StubServer, timed } from '@landscape/testing';
import { HttpService } from '@nestjs/axios';
import { Logger } from '@nestjs/common';
import axios from 'axios';
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { QuoteClientOptions } from '../config/account-service.config';
import { Registry } from 'prom-client';
import { QuoteClient } from './quote.client';
import { QuoteMetrics } from './quote-metrics';
import { QuotesPool } from './quotes-pool';
import { undiciAdapter } from '@landscape/axios-undici';

const GOOD: Quote = {
  quote: 'Clear is better than clever.',
  ipAddress: 'q1/10.0.0.5:8080',
  language: 'en',
};
/**
 * Calls that should succeed get a timeout no busy machine reaches. Calls that should time out get
 * a short one, and only a bound far below what they would take without it: these tests must hold
 * on 2 cores shared with other test workers and a CPU hog.
 */
const GENEROUS_TIMEOUT_MS = 10_000;
const CONTEXT = { requestId: 'test-request' };
const SHORT_TIMEOUT_MS = 200;
const WITHOUT_TIMEOUT_BOUND_MS = 3_000;

interface TestClient {
  client: QuoteClient;
  registry: Registry;
  close(): Promise<void>;
}

function makeClient(baseUrl: string, options: Partial<QuoteClientOptions> = {}): TestClient {
  const config = {
    quotes: {
      baseUrl,
      timeoutMs: GENEROUS_TIMEOUT_MS,
      breakerResetMs: 60_000,
      breakerVolumeThreshold: 100,
      connectionMaxAgeMs: 5_000,
      ...options,
    },
  };
  const pool = new QuotesPool(config);
  const adapter = undiciAdapter(pool.dispatcher, {
    freshConnection: (origin) => pool.freshConnection(origin),
  });
  const http = new HttpService(axios.create({ adapter }));
  const registry = new Registry();
  return {
    client: new QuoteClient(http, config, new QuoteMetrics(registry)),
    registry,
    close: () => pool.onApplicationShutdown(),
  };
}

beforeAll(() => Logger.overrideLogger(false)); // each failed call logs at debug

describe('QuoteClient against a real HTTP server', () => {
  let stub: StubServer;
  let tested: TestClient;
  let answer: (response: ServerResponse) => void;

  beforeEach(async () => {
    answer = (response) => sendJson(response, GOOD);
    stub = await startStubServer((request, response) => {
      expect(request.url).toBe('/api/quote?strength=4');
      answer(response);
    });
    tested = makeClient(stub.url);
  });

  afterEach(async () => {
    await tested.close();
    await stub.close();
  });

  it('returns the quote that quotes-service answers', async () => {
    expect(await tested.client.getQuote(CONTEXT)).toEqual(GOOD);
    expect(stub.requests).toBe(1);
  });

  it('sends the request id and trace context along', async () => {
    let headers: Record<string, unknown> = {};
    stub.close();
    stub = await startStubServer((request, response) => {
      headers = request.headers;
      sendJson(response, GOOD);
    });
    await tested.close();
    tested = makeClient(stub.url);
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    await tested.client.getQuote({ requestId: 'abc-123', traceparent });
    expect(headers).toMatchObject({ 'x-request-id': 'abc-123', traceparent });
  });

  it('keeps only the Quote fields of the answer', async () => {
    answer = (response) => sendJson(response, { ...GOOD, secret: 'x' });
    expect(JSON.stringify(await tested.client.getQuote(CONTEXT))).toBe(JSON.stringify(GOOD));
  });

  it('reuses keep-alive connections for sequential calls', async () => {
    for (let i = 0; i < 5; i++) expect(await tested.client.getQuote(CONTEXT)).toEqual(GOOD);
    expect(stub.requests).toBe(5);
    // undici may open a second connection while the first is still being released
    expect(stub.connections).toBeLessThanOrEqual(2);
  });

  it('moves new calls to new connections every connectionMaxAgeMs, so that the name is resolved again', async () => {
    const aging = makeClient(stub.url, { connectionMaxAgeMs: 200 });
    // 12 calls over at least 1.2 s: kept alive for good, they would need one or two connections.
    for (let i = 0; i < 12; i++) {
      expect(await aging.client.getQuote(CONTEXT)).toEqual(GOOD);
      await sleep(100);
    }
    await aging.close();
    expect(stub.connections).toBeGreaterThanOrEqual(4);
    expect(stub.connections).toBeLessThan(12);
  });

  it('lets a call in flight finish on a connection that is being replaced', async () => {
    const aging = makeClient(stub.url, { connectionMaxAgeMs: 200 });
    let first = true;
    answer = (response) => {
      if (!first) return sendJson(response, GOOD);
      first = false;
      setTimeout(() => sendJson(response, GOOD), 600);
    };
    const slow = aging.client.getQuote(CONTEXT);
    await sleep(300); // the slow call's connection is retired while it waits
    expect(await aging.client.getQuote(CONTEXT)).toEqual(GOOD);
    expect(await slow).toEqual(GOOD);
    await aging.close();
    expect(stub.requests).toBe(2);
  });

  it.each<[string, (response: ServerResponse) => void]>([
    ['a 500', (response) => sendJson(response, GOOD, 500)],
    ['a 204', (response) => response.writeHead(204).end()],
    ['a body that is not JSON', (response) => response.end('{"quote": "unterminated')],
    ['JSON that is not a Quote', (response) => sendJson(response, { quote: 42 })],
    [
      'a body over 64 KiB',
      (response) => sendJson(response, { ...GOOD, quote: 'x'.repeat(70_000) }),
    ],
  ])('falls back when quotes-service answers %s', async (_, failing) => {
    answer = failing;
    expect(await tested.client.getQuote(CONTEXT)).toEqual(FALLBACK_QUOTE);
  });

  it.each<[string, (response: ServerResponse) => void]>([
    ['never answers', () => undefined],
    [
      'sends headers and then stalls',
      (response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.write('{"quote":');
      },
    ],
  ])('falls back after the timeout when quotes-service %s', async (_, stalling) => {
    answer = stalling;
    const short = makeClient(stub.url, { timeoutMs: SHORT_TIMEOUT_MS });
    const { value, elapsedMs } = await timed(() => short.client.getQuote(CONTEXT));
    await short.close();
    expect(value).toEqual(FALLBACK_QUOTE);
    expect(await short.registry.metrics()).toContain(
      'quote_call_duration_seconds_count{outcome="timeout"} 1',
    );
    expect(elapsedMs).toBeGreaterThanOrEqual(SHORT_TIMEOUT_MS - 5);
    expect(elapsedMs).toBeLessThan(WITHOUT_TIMEOUT_BOUND_MS);
  });

  it('keeps an answer that arrived in time when this process stalled before it could read it', async () => {
    answer = (response) => {
      sendJson(response, GOOD);
      // The whole process stalls past the deadline with the answer in its socket's buffer, as
      // when a busy machine does not schedule it.
      const until = performance.now() + SHORT_TIMEOUT_MS * 2;
      while (performance.now() < until);
    };
    const short = makeClient(stub.url, { timeoutMs: SHORT_TIMEOUT_MS });
    expect(await short.client.getQuote(CONTEXT)).toEqual(GOOD);
    await short.close();
  });

  it('gives a call back the time this process stalled before its request went out', async () => {
    const short = makeClient(stub.url, { timeoutMs: SHORT_TIMEOUT_MS });
    const quote = short.client.getQuote(CONTEXT);
    const until = performance.now() + SHORT_TIMEOUT_MS * 2;
    while (performance.now() < until);
    expect(await quote).toEqual(GOOD);
    await short.close();
  });

  it('falls back when nothing listens', async () => {
    const refused = makeClient(`http://127.0.0.1:${await freePort()}`);
    expect(await refused.client.getQuote(CONTEXT)).toEqual(FALLBACK_QUOTE);
    await refused.close();
  });
});

describe('QuoteClient circuit breaker', () => {
  const RESET_MS = 300;
  let stub: StubServer;
  let tested: TestClient;
  let client: QuoteClient;
  let healthy = false;

  const afterReset = () => new Promise((resolve) => setTimeout(resolve, RESET_MS + 50));

  beforeEach(async () => {
    healthy = false;
    stub = await startStubServer((_request, response) =>
      healthy ? sendJson(response, GOOD) : sendJson(response, {}, 503),
    );
    tested = makeClient(stub.url, { breakerVolumeThreshold: 4, breakerResetMs: RESET_MS });
    client = tested.client;
  });

  afterEach(async () => {
    await tested.close();
    await stub.close();
  });

  it('opens after repeated failures and then answers the fallback without calling', async () => {
    for (let i = 0; i < 4; i++) expect(await client.getQuote(CONTEXT)).toEqual(FALLBACK_QUOTE);
    expect(client.state).toBe('open');
    healthy = true;
    for (let i = 0; i < 10; i++) expect(await client.getQuote(CONTEXT)).toEqual(FALLBACK_QUOTE);
    expect(stub.requests).toBe(4);
  });

  it('stays closed while fewer calls than the volume threshold have failed', async () => {
    for (let i = 0; i < 3; i++) await client.getQuote(CONTEXT);
    expect(client.state).toBe('closed');
    expect(stub.requests).toBe(3);
  });

  it('half-opens after the reset time, and closes again when the probe succeeds', async () => {
    for (let i = 0; i < 4; i++) await client.getQuote(CONTEXT);
    expect(client.state).toBe('open');
    healthy = true;
    await afterReset();
    expect(client.state).toBe('half-open');
    expect(await client.getQuote(CONTEXT)).toEqual(GOOD);
    expect(client.state).toBe('closed');
    expect(await client.getQuote(CONTEXT)).toEqual(GOOD);
    expect(stub.requests).toBe(6);
  });

  it('opens again when the half-open probe fails', async () => {
    for (let i = 0; i < 4; i++) await client.getQuote(CONTEXT);
    await afterReset();
    expect(await client.getQuote(CONTEXT)).toEqual(FALLBACK_QUOTE);
    expect(client.state).toBe('open');
    expect(stub.requests).toBe(5);
  });

  it('forgets the failures from before it opened: open → probe succeeds → closed → one failure → still closed', async () => {
    for (let i = 0; i < 4; i++) await client.getQuote(CONTEXT);
    healthy = true;
    await afterReset();
    expect(await client.getQuote(CONTEXT)).toEqual(GOOD);
    expect(await client.getQuote(CONTEXT)).toEqual(GOOD);
    expect(await client.getQuote(CONTEXT)).toEqual(GOOD);
    healthy = false;
    expect(await client.getQuote(CONTEXT)).toEqual(FALLBACK_QUOTE);
    expect(client.state).toBe('closed');
  });
});
