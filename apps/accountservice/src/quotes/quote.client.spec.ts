import { FALLBACK_QUOTE, type Quote } from '@landscape/contracts';
import { freePort } from '@landscape/processes';
import { sendJson, startStubServer, type StubServer } from '@landscape/testing';
import { Logger } from '@nestjs/common';
import { Registry } from 'prom-client';
import type { QuoteClientOptions } from '../config/account-service.config';
import { createQuoteCall } from './quote-call.provider';
import { QuoteClient } from './quote.client';
import { QuoteMetrics } from './quote-metrics';

const GOOD: Quote = {
  quote: 'Clear is better than clever.',
  ipAddress: 'q1/10.0.0.5:8080',
  language: 'en',
};
const CONTEXT = { requestId: 'test-request' };
/** Calls that should succeed get a timeout no busy machine reaches. */
const GENEROUS_TIMEOUT_MS = 10_000;

interface TestClient {
  client: QuoteClient;
  /** The value of one of the client's metrics, as /metrics shows it. */
  metric(series: string): Promise<number | undefined>;
  close(): Promise<void>;
}

function makeClient(baseUrl: string, options: Partial<QuoteClientOptions> = {}): TestClient {
  const quotes = {
    baseUrl,
    timeoutMs: GENEROUS_TIMEOUT_MS,
    breakerResetMs: 60_000,
    breakerVolumeThreshold: 100,
    connectionMaxAgeMs: 5_000,
    hedgeAfterMs: 100,
    ...options,
  };
  const registry = new Registry();
  const metrics = new QuoteMetrics(registry);
  const call = createQuoteCall(quotes, metrics);
  return {
    client: new QuoteClient(call, { quotes }, metrics),
    metric: async (series) => {
      const line = (await registry.metrics()).split('\n').find((l) => l.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    },
    close: () => call.onApplicationShutdown(),
  };
}

beforeAll(() => Logger.overrideLogger(false)); // each failed call logs at debug

describe('QuoteClient against a real HTTP server', () => {
  let stub: StubServer;
  let tested: TestClient;
  let headers: Record<string, unknown>;
  let answer: Parameters<typeof startStubServer>[0];

  beforeEach(async () => {
    answer = (_request, response) => sendJson(response, GOOD);
    stub = await startStubServer((request, response) => {
      headers = request.headers;
      answer(request, response);
    });
    tested = makeClient(stub.url);
  });

  afterEach(async () => {
    await tested.close();
    await stub.close();
  });

  it('returns the quote that quotes-service answers, counted as a success', async () => {
    expect(await tested.client.getQuote(CONTEXT)).toEqual(GOOD);
    expect(await tested.metric('quote_call_duration_seconds_count{outcome="success"}')).toBe(1);
  });

  it('sends the request id and trace context along', async () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    await tested.client.getQuote({ requestId: 'abc-123', traceparent });
    expect(headers).toMatchObject({ 'x-request-id': 'abc-123', traceparent });
  });

  it('falls back when quotes-service fails, counted as an error and a fallback', async () => {
    answer = (_request, response) => sendJson(response, GOOD, 500);
    expect(await tested.client.getQuote(CONTEXT)).toEqual(FALLBACK_QUOTE);
    expect(await tested.metric('quote_call_duration_seconds_count{outcome="error"}')).toBe(1);
    expect(await tested.metric('quote_fallbacks_total')).toBe(1);
  });

  it('falls back after QUOTES_TIMEOUT_MS, counted as a timeout', async () => {
    answer = () => undefined;
    const short = makeClient(stub.url, { timeoutMs: 200 });
    expect(await short.client.getQuote(CONTEXT)).toEqual(FALLBACK_QUOTE);
    expect(await short.metric('quote_call_duration_seconds_count{outcome="timeout"}')).toBe(1);
    await short.close();
  });

  it('answers the quote of a copy sent on a fresh connection when the answer is late, counted as a hedge', async () => {
    answer = (_request, response) => {
      if (stub.requests > 1) sendJson(response, GOOD);
    };
    const hedging = makeClient(stub.url, { timeoutMs: 2_000, hedgeAfterMs: 50 });
    expect(await hedging.client.getQuote(CONTEXT)).toEqual(GOOD);
    expect(await hedging.metric('quote_call_hedges_total')).toBe(1);
    expect(await hedging.metric('quote_fallbacks_total')).toBe(0);
    expect(stub.connections).toBe(2);
    await hedging.close();
  });

  it('falls back when nothing listens', async () => {
    const refused = makeClient(`http://127.0.0.1:${await freePort()}`);
    expect(await refused.client.getQuote(CONTEXT)).toEqual(FALLBACK_QUOTE);
    await refused.close();
  });
});

describe('QuoteClient circuit breaker', () => {
  const RESET_MS = 300;
  const OPEN = 2;
  const HALF_OPEN = 1;
  const CLOSED = 0;
  let stub: StubServer;
  let tested: TestClient;
  let client: QuoteClient;
  let healthy = false;
  const breakerState = () => tested.metric('quote_breaker_state');
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
    expect(await breakerState()).toBe(OPEN);
    healthy = true;
    for (let i = 0; i < 10; i++) expect(await client.getQuote(CONTEXT)).toEqual(FALLBACK_QUOTE);
    expect(stub.requests).toBe(4);
    expect(await tested.metric('quote_call_duration_seconds_count{outcome="short_circuit"}')).toBe(
      10,
    );
  });

  it('stays closed while fewer calls than the volume threshold have failed', async () => {
    for (let i = 0; i < 3; i++) await client.getQuote(CONTEXT);
    expect(await breakerState()).toBe(CLOSED);
    expect(stub.requests).toBe(3);
  });

  it('half-opens after the reset time, and closes again when the probe succeeds', async () => {
    for (let i = 0; i < 4; i++) await client.getQuote(CONTEXT);
    expect(await breakerState()).toBe(OPEN);
    healthy = true;
    await afterReset();
    expect(await breakerState()).toBe(HALF_OPEN);
    expect(await client.getQuote(CONTEXT)).toEqual(GOOD);
    expect(await breakerState()).toBe(CLOSED);
    expect(await client.getQuote(CONTEXT)).toEqual(GOOD);
    expect(stub.requests).toBe(6);
  });

  it('opens again when the half-open probe fails', async () => {
    for (let i = 0; i < 4; i++) await client.getQuote(CONTEXT);
    await afterReset();
    expect(await client.getQuote(CONTEXT)).toEqual(FALLBACK_QUOTE);
    expect(await breakerState()).toBe(OPEN);
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
    expect(await breakerState()).toBe(CLOSED);
  });
});
