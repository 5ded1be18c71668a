import type { Account, ErrorBody, Quote } from '@landscape/contracts';
import {
  builtDocumentPath,
  type ErrorContractCase,
  errorBodyProblems,
  frameworkErrorCases,
  getJson,
  logLines,
  rawRequest,
} from '@landscape/testing';
import { type RunningService } from '@landscape/processes';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import {
  type RunningAccountService,
  startAccountServiceWithQuotes,
} from './support/accountservice';

describe('accountservice with a real quotes-service', () => {
  let quotes: RunningService;
  let account: RunningAccountService;
  let stop: () => Promise<void>;

  beforeAll(async () => ({ quotes, account, stop } = await startAccountServiceWithQuotes()));
  afterAll(() => stop());

  it('logs JSON lines only, the seed line before the start line', () => {
    const lines = account.service.stdout.trim().split('\n');
    const logged = logLines(account.service.stdout);
    expect(logged).toHaveLength(lines.length);
    const messages = logged.map((line) => line.msg);
    expect(messages.indexOf('Seeded 100 fake accounts...')).toBeGreaterThanOrEqual(0);
    expect(messages.indexOf('Seeded 100 fake accounts...')).toBeLessThan(
      messages.findIndex((msg) => /^Starting HTTP service at \d+$/.test(msg)),
    );
    expect(logged[0]).toMatchObject({ level: 'info', service: 'accountservice' });
    expect(account.service.stdout).not.toContain('\u001b['); // no colour codes
  });

  it('serves a seeded account with a quote from quotes-service, fields in contract order', async () => {
    const response = await getJson<Account>(`${account.url}/accounts/10000`);
    expect(response.status).toBe(200);
    expect(response.contentType).toMatch(/^application\/json/);
    const { quote, servedBy } = response.body;
    expect(servedBy).toMatch(/^\d{1,3}(\.\d{1,3}){3}$/);
    expect(quote.ipAddress).toMatch(
      new RegExp(`^${hostname()}/\\d{1,3}(\\.\\d{1,3}){3}:${quotes.port}$`),
    );
    expect(quote.quote).not.toBe('May the source be with you, always.');
    expect(response.text).toBe(
      JSON.stringify({ id: '10000', name: 'Person_0', servedBy, quote: exactQuote(quote) }),
    );
  });

  it('serves the last seeded account', async () => {
    const response = await getJson<Account>(`${account.url}/accounts/10099`);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ id: '10099', name: 'Person_99' });
  });

  it.each([['abc'], ['10000x'], ['-1'], ['1.5'], ['1'.repeat(19)], ['%20']])(
    'answers 400 with a JSON body for the malformed id %p',
    async (id) => {
      const response = await getJson<ErrorBody>(`${account.url}/accounts/${id}`);
      expect(response.status).toBe(400);
      expect(response.contentType).toMatch(/^application\/json/);
      expect(response.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'account id must be 1 to 18 digits',
      });
    },
  );

  it.each([['99999'], ['9999'], ['10100'], ['1'.repeat(18)]])(
    'answers 404 with a JSON body for the unknown id %p',
    async (id) => {
      const response = await getJson<ErrorBody>(`${account.url}/accounts/${id}`);
      expect(response.status).toBe(404);
      expect(response.body).toEqual({
        statusCode: 404,
        error: 'Not Found',
        message: `account ${id} not found`,
      });
    },
  );

  it.each<ErrorContractCase>([
    ...frameworkErrorCases('/accounts/10000'),
    { name: 'a 101-digit id', request: { path: `/accounts/${'1'.repeat(101)}` }, status: 414 },
    { name: 'an id with bad percent-encoding', request: { path: '/accounts/%ff' }, status: 400 },
    { name: 'an id of a lone %', request: { path: '/accounts/%' }, status: 400 },
  ])('answers $name with an ErrorBody for $status and no echo', async ({ request, status }) => {
    const response = await rawRequest(account.url, request);
    expect(errorBodyProblems(response, status, request)).toEqual([]);
  });

  it('says which methods it answers when it refuses one', async () => {
    const response = await rawRequest(account.url, { method: 'DELETE', path: '/accounts/10000' });
    expect(response.headers['allow']).toBe('GET, HEAD');
  });

  it('serves the OpenAPI document that the build wrote, as it is, and no API reference', async () => {
    const document = await rawRequest(account.url, { path: '/openapi.json' });
    expect(document.status).toBe(200);
    expect(document.headers['content-type']).toMatch(/^application\/json/);
    expect(document.text).toBe(readFileSync(builtDocumentPath('accountservice'), 'utf8'));
    // Swagger UI is for runs from the sources; the bundle carries @nestjs/swagger's no-op shim.
    expect((await rawRequest(account.url, { path: '/api/docs' })).status).toBe(404);
  });

  it('reports UP on /health', async () => {
    const response = await getJson(`${account.url}/health`);
    expect(response.status).toBe(200);
    expect(response.text).toBe('{"status":"UP"}');
  });

  it('answers 200 concurrent requests, each with its own account and a real quote', async () => {
    const ids = Array.from({ length: 200 }, (_, i) => 10000 + (i % 100));
    const responses = await Promise.all(
      ids.map((id) => getJson<Account>(`${account.url}/accounts/${id}`, 15_000)),
    );
    responses.forEach((response, i) => {
      expect(response.status).toBe(200);
      expect(response.body.id).toBe(String(ids[i]));
      expect(response.body.name).toBe(`Person_${ids[i] - 10000}`);
      expect(response.body.quote.ipAddress).not.toBe('circuit-breaker');
    });
  });
});

function exactQuote({ quote, ipAddress, language }: Quote): Quote {
  return { quote, ipAddress, language };
}
