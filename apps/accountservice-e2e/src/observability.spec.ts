import type { Account } from '@landscape/contracts';
import { getJson, logLines, promtoolAvailable, promtoolProblems, rawRequest, waitFor } from '@landscape/testing';
import { type RunningService } from '@landscape/processes';
import {
  type RunningAccountService,
  startAccountServiceWithQuotes,
} from './support/accountservice';

const TRACEPARENT = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const canCheckMetrics = promtoolAvailable() || process.env['CI'] === 'true';

describe('accountservice and quotes-service logs and metrics', () => {
  let quotes: RunningService;
  let account: RunningAccountService;
  let stop: () => Promise<void>;

  beforeAll(async () => ({ quotes, account, stop } = await startAccountServiceWithQuotes()));
  afterAll(() => stop());

  const requestLines = (output: string, requestId: string) =>
    logLines(output).filter((line) => line.msg === 'request' && line['requestId'] === requestId);

  it('follows one request id, and its trace context, through both services’ logs', async () => {
    const response = await rawRequest(account.url, {
      path: '/accounts/10007',
      headers: { 'x-request-id': 'e2e-follow-1', traceparent: TRACEPARENT },
    });
    expect(response.status).toBe(200);
    expect(response.headers['x-request-id']).toBe('e2e-follow-1');
    let accountLine: Record<string, unknown> | undefined;
    let quoteLine: Record<string, unknown> | undefined;
    await waitFor('both request lines', 5_000, () => {
      [accountLine] = requestLines(account.service.stdout, 'e2e-follow-1');
      [quoteLine] = requestLines(quotes.stdout, 'e2e-follow-1');
      return accountLine !== undefined && quoteLine !== undefined;
    });
    expect(accountLine).toMatchObject({
      level: 'info',
      service: 'accountservice',
      method: 'GET',
      route: '/accounts/:id',
      status: 200,
      durationMs: expect.any(Number),
      traceparent: TRACEPARENT,
    });
    expect(quoteLine).toMatchObject({
      service: 'quotes-service',
      route: '/api/quote',
      status: 200,
      traceparent: TRACEPARENT,
    });
  });

  it.each([
    ['too long', 'x'.repeat(129)],
    ['with unsafe characters', 'id with spaces"'],
  ])('makes its own request id when the caller’s is %s', async (_, given) => {
    const response = await rawRequest(account.url, {
      path: '/accounts/10008',
      headers: { 'x-request-id': given },
    });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(account.service.stdout).not.toContain(given);
  });

  it('does not log health checks at info', async () => {
    const response = await getJson(`${account.url}/health`);
    const id = response.status === 200 ? undefined : 'unhealthy';
    expect(id).toBeUndefined();
    await getJson<Account>(`${account.url}/accounts/10009`); // a line that comes after
    await waitFor('the account request to be logged', 5_000, () =>
      logLines(account.service.stdout).some((line) => line['route'] === '/accounts/:id'),
    );
    expect(logLines(account.service.stdout).some((line) => line['route'] === '/health')).toBe(
      false,
    );
  });

  (canCheckMetrics ? it : it.skip)(
    'exposes metrics that promtool accepts, labelled by route pattern whatever the URL',
    async () => {
      for (const path of ['/accounts/10010', '/accounts/99999', '/accounts/abc', '/no/such/path']) {
        await rawRequest(account.url, { path });
      }
      for (const service of [account.url, quotes.url]) {
        const metrics = await rawRequest(service, { path: '/metrics' });
        expect(metrics.status).toBe(200);
        expect(metrics.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
        expect(promtoolProblems(metrics.text)).toBe('');
        expect(metrics.text).toMatch(/^process_resident_memory_bytes \d+/m);
        expect(metrics.text).toMatch(/^nodejs_eventloop_lag_seconds /m);
      }
      const { text } = await rawRequest(account.url, { path: '/metrics' });
      expect(text).toMatch(
        /^http_request_duration_seconds_count\{method="GET",route="\/accounts\/:id",status="200"\} \d+$/m,
      );
      expect(text).toMatch(/^http_request_duration_seconds_count\{[^}]*status="404"\}/m);
      expect(text).toMatch(/route="unmatched"/);
      expect(text).not.toMatch(/route="[^"]*(10010|99999|abc|no\/such)/);
      expect(text).toMatch(/^quote_call_duration_seconds_count\{outcome="success"\} [1-9]/m);
      expect(text).toMatch(/^quote_breaker_state 0$/m);
      expect(text).toMatch(/^leveldb_read_errors_total 0$/m);
    },
  );
});
