import { FALLBACK_QUOTE, type Quote } from '@landscape/contracts';
import { freePort, sendJson, startStubServer, type StubServer, timed } from '@landscape/testing';
import { HttpService } from '@nestjs/axios';
import axios from 'axios';
import type { ServerResponse } from 'node:http';
import type { QuoteClientOptions } from '../config/account-service.config';
import { QuoteClient } from './quote.client';
import { quotesHttpOptions } from './quotes.module';

const GOOD: Quote = {
  quote: 'Clear is better than clever.',
  ipAddress: 'q1/10.0.0.5:8080',
  language: 'en',
};
const TIMEOUT_MS = 100;
const SLACK_MS = 150;

function makeClient(baseUrl: string, options: Partial<QuoteClientOptions> = {}): QuoteClient {
  const http = new HttpService(axios.create(quotesHttpOptions()));
  return new QuoteClient(http, {
    quotes: {
      baseUrl,
      timeoutMs: TIMEOUT_MS,
      breakerResetMs: 60_000,
      breakerVolumeThreshold: 100,
      ...options,
    },
  });
}

describe('QuoteClient against a real HTTP server', () => {
  let stub: StubServer;
  let client: QuoteClient;
  let answer: (response: ServerResponse) => void;

  beforeEach(async () => {
    answer = (response) => sendJson(response, GOOD);
    stub = await startStubServer((request, response) => {
      expect(request.url).toBe('/api/quote?strength=4');
      answer(response);
    });
    client = makeClient(stub.url);
  });

  afterEach(async () => {
    await client.onApplicationShutdown();
    await stub.close();
  });

  it('returns the quote that quotes-service answers', async () => {
    expect(await client.getQuote()).toEqual(GOOD);
    expect(stub.requests).toBe(1);
  });

  it('keeps only the Quote fields of the answer', async () => {
    answer = (response) => sendJson(response, { ...GOOD, secret: 'x' });
    expect(JSON.stringify(await client.getQuote())).toBe(JSON.stringify(GOOD));
  });

  it('reuses keep-alive connections for sequential calls', async () => {
    for (let i = 0; i < 5; i++) expect(await client.getQuote()).toEqual(GOOD);
    expect(stub.requests).toBe(5);
    // undici may open a second connection while the first is still being released
    expect(stub.connections).toBeLessThanOrEqual(2);
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
    expect(await client.getQuote()).toEqual(FALLBACK_QUOTE);
  });

  it('falls back within the timeout when quotes-service never answers', async () => {
    answer = () => undefined;
    const { value, elapsedMs } = await timed(() => client.getQuote());
    expect(value).toEqual(FALLBACK_QUOTE);
    expect(elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS + SLACK_MS);
  });

  it('falls back within the timeout when quotes-service sends headers and then stalls', async () => {
    answer = (response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"quote":');
    };
    const { value, elapsedMs } = await timed(() => client.getQuote());
    expect(value).toEqual(FALLBACK_QUOTE);
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS + SLACK_MS);
  });

  it('falls back at once when nothing listens', async () => {
    const refused = makeClient(`http://127.0.0.1:${await freePort()}`);
    const { value, elapsedMs } = await timed(() => refused.getQuote());
    expect(value).toEqual(FALLBACK_QUOTE);
    expect(elapsedMs).toBeLessThan(TIMEOUT_MS);
    await refused.onApplicationShutdown();
  });
});

describe('QuoteClient circuit breaker', () => {
  const RESET_MS = 300;
  let stub: StubServer;
  let client: QuoteClient;
  let healthy = false;

  beforeEach(async () => {
    healthy = false;
    stub = await startStubServer((_request, response) =>
      healthy ? sendJson(response, GOOD) : sendJson(response, {}, 503),
    );
    client = makeClient(stub.url, { breakerVolumeThreshold: 4, breakerResetMs: RESET_MS });
  });

  afterEach(async () => {
    await client.onApplicationShutdown();
    await stub.close();
  });

  it('opens after repeated failures and then answers the fallback without calling', async () => {
    for (let i = 0; i < 4; i++) expect(await client.getQuote()).toEqual(FALLBACK_QUOTE);
    expect(client.state).toBe('open');
    healthy = true;
    for (let i = 0; i < 10; i++) expect(await client.getQuote()).toEqual(FALLBACK_QUOTE);
    expect(stub.requests).toBe(4);
  });

  it('stays closed while fewer calls than the volume threshold have failed', async () => {
    for (let i = 0; i < 3; i++) await client.getQuote();
    expect(client.state).toBe('closed');
    expect(stub.requests).toBe(3);
  });

  it('half-opens after the reset time, and closes again when the probe succeeds', async () => {
    for (let i = 0; i < 4; i++) await client.getQuote();
    expect(client.state).toBe('open');
    healthy = true;
    await new Promise((resolve) => setTimeout(resolve, RESET_MS + 50));
    expect(client.state).toBe('half-open');
    expect(await client.getQuote()).toEqual(GOOD);
    expect(client.state).toBe('closed');
    expect(await client.getQuote()).toEqual(GOOD);
    expect(stub.requests).toBe(6);
  });

  it('opens again when the half-open probe fails', async () => {
    for (let i = 0; i < 4; i++) await client.getQuote();
    await new Promise((resolve) => setTimeout(resolve, RESET_MS + 50));
    expect(await client.getQuote()).toEqual(FALLBACK_QUOTE);
    expect(client.state).toBe('open');
    expect(stub.requests).toBe(5);
  });
});
