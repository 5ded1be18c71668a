import { sendJson, startStubServer, type StubServer } from '@landscape/testing';
import { HttpTarget } from './http-target';
import { fieldValue } from './outcome';

describe('HttpTarget --count-field, against a real HTTP server', () => {
  let server: StubServer;

  beforeAll(async () => {
    server = await startStubServer((request, response) => {
      if (request.url === '/text') response.end('not json');
      else
        sendJson(response, {
          quote: { ipAddress: request.url === '/a' ? 'q1' : 'circuit-breaker' },
        });
    });
  });
  afterAll(() => server.close());

  it('carries the counted field of each answer, and nothing when no field is asked for', async () => {
    const counting = new HttpTarget(server.url, {
      connections: 2,
      timeoutMs: 5_000,
      countField: 'quote.ipAddress',
    });
    expect((await counting.get('/a')).field).toBe('q1');
    expect((await counting.get('/b')).field).toBe('circuit-breaker');
    expect((await counting.get('/text')).field).toBe('(not JSON)');
    await counting.close();
    const plain = new HttpTarget(server.url, { connections: 2, timeoutMs: 5_000 });
    expect((await plain.get('/a')).field).toBeUndefined();
    await plain.close();
  });
});

describe('fieldValue', () => {
  it('follows a dotted path, and says when it leads nowhere', () => {
    const body = { quote: { ipAddress: 'q1', n: 2 }, list: [1] };
    expect(fieldValue(body, ['quote', 'ipAddress'])).toBe('q1');
    expect(fieldValue(body, ['quote', 'n'])).toBe('2');
    expect(fieldValue(body, ['quote', 'missing'])).toBe('(none)');
    expect(fieldValue(body, ['quote', 'ipAddress', 'deeper'])).toBe('(none)');
    expect(fieldValue(null, ['quote'])).toBe('(none)');
  });
});
