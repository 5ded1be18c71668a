import { sendJson, startStubServer, type StubServer } from '@landscape/testing';
import { startDriver, type DriverContext } from './drivers';
import { HttpTarget } from './http-target';
import type { Outcome } from './outcome';
import type { Scenario } from './scenario';

describe('drivers against a real HTTP server', () => {
  let server: StubServer;
  const arrivals: number[] = [];

  beforeAll(async () => {
    server = await startStubServer((request, response) => {
      arrivals.push(performance.now());
      if (request.url === '/missing') return sendJson(response, { message: 'no' }, 404);
      if (request.url === '/never') return; // holds the request open until the client gives up
      sendJson(response, { id: request.url });
    });
  });
  beforeEach(() => (arrivals.length = 0));
  afterAll(() => server.close());

  async function drive(
    scenario: Scenario,
    path = '/accounts/1',
    origin = server.url,
    timeoutMs = 2_000,
  ) {
    const connections = scenario.kind === 'article' ? scenario.users : scenario.connections;
    const target = new HttpTarget(origin, { connections, timeoutMs });
    const outcomes: Outcome[] = [];
    const context: DriverContext = {
      target,
      nextPath: () => path,
      record: (outcome) => outcomes.push(outcome),
      signal: new AbortController().signal,
    };
    const driver = startDriver(scenario, context);
    await driver.done;
    await target.close();
    return outcomes;
  }

  it('sends a fixed rate with no request before its time, not in bursts', async () => {
    const started = performance.now();
    const outcomes = await drive({ kind: 'rate', rate: 200, durationS: 1, connections: 10 });
    expect(outcomes).toHaveLength(200);
    expect(outcomes.every((outcome) => outcome.status === 200 && !outcome.error)).toBe(true);
    // Request k is due 5 ms after request k - 1, so at most k of them can have arrived 5k ms
    // after the start: a burst breaks that at once. A stalled event loop only makes requests
    // late (they then catch up, as an open-model load must), never early, so this holds however
    // busy the machine is.
    const early = arrivals.filter((at, k) => at < started + k * 5);
    expect(early).toEqual([]);
  });

  it("ramps the article's users in and pauses each between requests", async () => {
    const started = performance.now();
    const outcomes = await drive({
      kind: 'article',
      users: 10,
      rampS: 0.5,
      pauseS: 0.2,
      durationS: 0.5,
    });
    const elapsedMs = performance.now() - started;
    // Each user sends at 0, 0.2 and 0.4 s of its own half second, or fewer when an answer is slow
    // (a first request took 127 ms on a busy machine): never more, which a user that skipped its
    // pause would be, with answers in about a millisecond.
    expect(outcomes.length).toBeGreaterThanOrEqual(10);
    expect(outcomes.length).toBeLessThanOrEqual(30);
    expect(outcomes.every((outcome) => outcome.status === 200)).toBe(true);
    expect(elapsedMs).toBeGreaterThan(900);
    // Users start 50 ms apart: without the ramp all ten first requests would arrive at once.
    // Only users 0 and 1 may have sent within 75 ms of the start; a stalled event loop makes
    // the others late, never early. The last user starts 0.45 s after the first.
    expect(arrivals.filter((at) => at - started < 75).length).toBeLessThanOrEqual(2);
    expect(arrivals[arrivals.length - 1] - started).toBeGreaterThanOrEqual(450);
  });

  it('keeps at most the given connections busy at peak', async () => {
    const before = server.connections;
    const outcomes = await drive({ kind: 'peak', connections: 4, durationS: 0.5 });
    // Each connection sends again as soon as its answer is in: more requests than connections.
    expect(outcomes.length).toBeGreaterThan(4);
    expect(server.connections - before).toBeLessThanOrEqual(4);
  });

  it('tells status, timeout and connection errors apart', async () => {
    const [status] = await drive(
      { kind: 'rate', rate: 1, durationS: 1, connections: 1 },
      '/missing',
    );
    const [timeout] = await drive(
      { kind: 'rate', rate: 1, durationS: 1, connections: 1 },
      '/never',
      server.url,
      200,
    );
    const [refused] = await drive(
      { kind: 'rate', rate: 1, durationS: 1, connections: 1 },
      '/',
      'http://127.0.0.1:1',
    );
    expect(status).toMatchObject({ status: 404, error: 'status' });
    expect(timeout).toMatchObject({ error: 'timeout' });
    expect(timeout.latencyUs).toBeGreaterThanOrEqual(190_000);
    expect(refused).toMatchObject({ error: 'connection' });
  });
});
