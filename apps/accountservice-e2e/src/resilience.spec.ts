import { type Account, FALLBACK_QUOTE } from '@landscape/contracts';
import { createSynBlackhole, getJson, sendJson, startStubServer, type StubServer, synBlackholeAvailable, timed } from '@landscape/testing';
import { freePort } from '@landscape/processes';
import { type RunningAccountService, startAccountService } from './support/accountservice';

const TIMEOUT_MS = 300;
/**
 * An answer bounded by QUOTES_TIMEOUT_MS comes well within this, even on 2 cores shared with a
 * CPU hog; without the bound it would take undici's 10 s connect timeout, or forever.
 */
const BOUNDED_MS = 3_000;
const canBlackhole = synBlackholeAvailable() || process.env['CI'] === 'true';

async function timedGet(url: string) {
  const { value: response, elapsedMs } = await timed(() => getJson<Account>(url));
  return { response, elapsedMs };
}

describe('accountservice when quotes-service is not well', () => {
  let account: RunningAccountService | undefined;
  let stub: StubServer | undefined;

  afterEach(async () => {
    await account?.service.stop();
    account?.dataDir.remove();
    await stub?.close();
    account = stub = undefined;
  });

  it('answers 200 with the fallback quote when nothing listens at QUOTES_SERVICE_URL', async () => {
    const closedPort = await freePort();
    account = await startAccountService({
      QUOTES_SERVICE_URL: `http://127.0.0.1:${closedPort}`,
      QUOTES_TIMEOUT_MS: String(TIMEOUT_MS),
    });
    const { response, elapsedMs } = await timedGet(`${account.url}/accounts/10001`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: '10001', name: 'Person_1', quote: FALLBACK_QUOTE });
    expect(elapsedMs).toBeLessThan(BOUNDED_MS);
  });

  (canBlackhole ? it : it.skip)(
    "answers within QUOTES_TIMEOUT_MS, with the fallback, when quotes-service's address drops every SYN",
    async () => {
      const blackhole = createSynBlackhole();
      try {
        account = await startAccountService({
          QUOTES_SERVICE_URL: `http://${blackhole.address}:8080`,
          QUOTES_TIMEOUT_MS: String(TIMEOUT_MS),
        });
        for (let i = 0; i < 3; i++) {
          const { response, elapsedMs } = await timedGet(`${account.url}/accounts/10005`);
          expect(response.status).toBe(200);
          expect(response.body.quote).toEqual(FALLBACK_QUOTE);
          expect(elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
          expect(elapsedMs).toBeLessThan(BOUNDED_MS);
        }
      } finally {
        blackhole.remove();
      }
    },
  );

  it('answers within the timeout, with the fallback, when quotes-service never answers', async () => {
    stub = await startStubServer(() => undefined); // accepts, then stays silent
    account = await startAccountService({
      QUOTES_SERVICE_URL: stub.url,
      QUOTES_TIMEOUT_MS: String(TIMEOUT_MS),
    });
    const { response, elapsedMs } = await timedGet(`${account.url}/accounts/10002`);
    expect(response.status).toBe(200);
    expect(response.body.quote).toEqual(FALLBACK_QUOTE);
    expect(elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_MS - 5);
    expect(elapsedMs).toBeLessThan(BOUNDED_MS);
  });

  it.each([
    [
      'a body that is not JSON',
      (res: Parameters<typeof sendJson>[0]) => res.end('<html>oops</html>'),
    ],
    [
      'JSON that is not a Quote',
      (res: Parameters<typeof sendJson>[0]) => sendJson(res, { hello: 'world' }),
    ],
    ['a 500', (res: Parameters<typeof sendJson>[0]) => sendJson(res, { error: 'boom' }, 500)],
  ])('answers 200 with the fallback when quotes-service answers %s', async (_, answer) => {
    stub = await startStubServer((_req, res) => answer(res));
    account = await startAccountService({ QUOTES_SERVICE_URL: stub.url });
    const response = await getJson<Account>(`${account.url}/accounts/10003`);
    expect(response.status).toBe(200);
    expect(response.body.quote).toEqual(FALLBACK_QUOTE);
    expect(stub.requests).toBe(1);
  });

  it('opens the breaker after repeated failures, then stops calling quotes-service', async () => {
    stub = await startStubServer((_req, res) => sendJson(res, {}, 503));
    account = await startAccountService({
      QUOTES_SERVICE_URL: stub.url,
      QUOTES_BREAKER_VOLUME: '5',
      QUOTES_BREAKER_RESET_MS: '60000',
    });
    for (let i = 0; i < 20; i++) {
      const response = await getJson<Account>(`${account.url}/accounts/10004`);
      expect(response.status).toBe(200);
      expect(response.body.quote).toEqual(FALLBACK_QUOTE);
    }
    expect(stub.requests).toBe(5);
  });
});
