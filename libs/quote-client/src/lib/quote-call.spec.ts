import type { Quote } from '@landscape/contracts';
import { freePort } from '@landscape/processes';
import { sendJson, startStubServer, type StubServer, timed } from '@landscape/testing';
import { CanceledError } from 'axios';
import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { QuoteCall, type QuoteCallOptions } from './quote-call';

const GOOD: Quote = {
  quote: 'Clear is better than clever.',
  ipAddress: 'q1/10.0.0.5:8080',
  language: 'en',
};
const HEADERS = { 'x-request-id': 'test-request' };
/**
 * Calls that should succeed get a timeout no busy machine reaches. Calls that should time out get
 * a short one, and only a bound far below what they would take without it: these tests must hold
 * on 2 cores shared with other test workers and a CPU hog.
 */
const GENEROUS_TIMEOUT_MS = 10_000;
const SHORT_TIMEOUT_MS = 200;
const WITHOUT_TIMEOUT_BOUND_MS = 3_000;

/** Stalls this whole process, as a busy machine that does not schedule it does. */
function stallProcess(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

describe('QuoteCall against a real HTTP server', () => {
  let stub: StubServer;
  let answer: (response: ServerResponse) => void;
  let lastHeaders: Record<string, unknown>;
  const calls: QuoteCall[] = [];
  const quoteCall = (options: Partial<QuoteCallOptions> = {}) => {
    const call = new QuoteCall({
      baseUrl: stub.url,
      timeoutMs: GENEROUS_TIMEOUT_MS,
      connectionMaxAgeMs: 5_000,
      hedgeAfterMs: 0,
      ...options,
    });
    calls.push(call);
    return call;
  };

  beforeEach(async () => {
    answer = (response) => sendJson(response, GOOD);
    stub = await startStubServer((request, response) => {
      expect(request.url).toBe('/api/quote?strength=4');
      lastHeaders = request.headers;
      answer(response);
    });
  });

  afterEach(async () => {
    for (const call of calls.splice(0)) await call.onApplicationShutdown();
    await stub.close();
  });

  it('answers the quote that quotes-service answers, with only the Quote fields', async () => {
    answer = (response) => sendJson(response, { ...GOOD, secret: 'x' });
    expect(JSON.stringify(await quoteCall().fetch(HEADERS))).toBe(JSON.stringify(GOOD));
    expect(stub.requests).toBe(1);
  });

  it('sends the headers it is given', async () => {
    await quoteCall().fetch({ 'x-request-id': 'abc-123', traceparent: 'tp' });
    expect(lastHeaders).toMatchObject({ 'x-request-id': 'abc-123', traceparent: 'tp' });
  });

  it('reuses keep-alive connections for sequential calls', async () => {
    const call = quoteCall();
    for (let i = 0; i < 5; i++) expect(await call.fetch(HEADERS)).toEqual(GOOD);
    expect(stub.requests).toBe(5);
    // undici may open a second connection while the first is still being released
    expect(stub.connections).toBeLessThanOrEqual(2);
  });

  it('moves new calls to new connections every connectionMaxAgeMs, so that the name is resolved again', async () => {
    const call = quoteCall({ connectionMaxAgeMs: 200 });
    // 12 calls over at least 1.2 s: kept alive for good, they would need one or two connections.
    for (let i = 0; i < 12; i++) {
      expect(await call.fetch(HEADERS)).toEqual(GOOD);
      await sleep(100);
    }
    await call.onApplicationShutdown();
    expect(stub.connections).toBeGreaterThanOrEqual(4);
    expect(stub.connections).toBeLessThan(12);
  });

  it('lets a call in flight finish on a connection that is being replaced', async () => {
    const call = quoteCall({ connectionMaxAgeMs: 200 });
    let first = true;
    answer = (response) => {
      if (!first) return sendJson(response, GOOD);
      first = false;
      setTimeout(() => sendJson(response, GOOD), 600);
    };
    const slow = call.fetch(HEADERS);
    await sleep(300); // the slow call's connection is retired while it waits
    expect(await call.fetch(HEADERS)).toEqual(GOOD);
    expect(await slow).toEqual(GOOD);
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
  ])('rejects when quotes-service answers %s', async (_, failing) => {
    answer = failing;
    await expect(quoteCall().fetch(HEADERS)).rejects.toThrow();
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
  ])('gives up, as cancelled, after timeoutMs when quotes-service %s', async (_, stalling) => {
    answer = stalling;
    const call = quoteCall({ timeoutMs: SHORT_TIMEOUT_MS });
    const { value, elapsedMs } = await timed(() => call.fetch(HEADERS).catch((error) => error));
    expect(value).toBeInstanceOf(CanceledError);
    expect(elapsedMs).toBeGreaterThanOrEqual(SHORT_TIMEOUT_MS - 5);
    expect(elapsedMs).toBeLessThan(WITHOUT_TIMEOUT_BOUND_MS);
  });

  it('keeps an answer that arrived in time when this process stalled before it could read it', async () => {
    answer = (response) => {
      sendJson(response, GOOD);
      stallProcess(SHORT_TIMEOUT_MS * 2); // past the deadline, with the answer in the socket
    };
    expect(await quoteCall({ timeoutMs: SHORT_TIMEOUT_MS }).fetch(HEADERS)).toEqual(GOOD);
  });

  it('sends no hedge for an answer that is in the socket when the stalled process runs again', async () => {
    answer = (response) => {
      sendJson(response, GOOD);
      stallProcess(SHORT_TIMEOUT_MS * 2); // past the hedge's delay, with the answer in the socket
    };
    const call = quoteCall({ timeoutMs: SHORT_TIMEOUT_MS, hedgeAfterMs: SHORT_TIMEOUT_MS / 4 });
    expect(await call.fetch(HEADERS)).toEqual(GOOD);
    expect(stub.requests).toBe(1);
  });

  it('gives a call back the time this process stalled before its request went out', async () => {
    const quote = quoteCall({ timeoutMs: SHORT_TIMEOUT_MS }).fetch(HEADERS);
    stallProcess(SHORT_TIMEOUT_MS * 2);
    expect(await quote).toEqual(GOOD);
  });

  it('rejects when nothing listens', async () => {
    const call = new QuoteCall({
      baseUrl: `http://127.0.0.1:${await freePort()}`,
      timeoutMs: GENEROUS_TIMEOUT_MS,
      connectionMaxAgeMs: 5_000,
      hedgeAfterMs: 0,
    });
    calls.push(call);
    await expect(call.fetch(HEADERS)).rejects.toThrow();
  });
});
