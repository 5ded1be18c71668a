import type { Account } from '@landscape/contracts';
import {
  errorBodyProblems,
  getJson,
  sendJson,
  startStubServer,
  timed,
  waitFor,
} from '@landscape/testing';
import { freePort, makeTempDir, spawnService } from '@landscape/processes';
import { Level } from 'level';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { startAccountService } from './support/accountservice';

/** A client that sends half a request line and then waits, as a slow or malicious one does. */
async function halfSentRequest(
  url: string,
): Promise<{ socket: Socket; received: Promise<string> }> {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write('GET /accounts/10000 HT');
  const received = new Promise<string>((resolve) => {
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('close', () => resolve(text));
    socket.on('error', () => undefined);
  });
  return { socket, received };
}

/** A raw HTTP/1.1 connection that asks for nothing about keep-alive: it stays open by default. */
async function keptAliveConnection(url: string) {
  const socket = connect(Number(new URL(url).port), '127.0.0.1');
  let received = '';
  socket.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
  const closed = new Promise((resolve) => socket.once('close', resolve));
  await new Promise((resolve) => socket.once('connect', resolve));
  return {
    send: (path: string) => socket.write(`GET ${path} HTTP/1.1\r\nhost: a\r\n\r\n`),
    answers: () => received.split(/(?=HTTP\/1\.1 )/).filter(Boolean),
    closed,
  };
}

const asRoot = process.getuid?.() === 0 || process.env['CI'] === 'true';

describe('accountservice start and stop', () => {
  it('finishes an in-flight request on SIGTERM, exits 0, and restarts on the same DATA_DIR', async () => {
    const slowQuotes = await startStubServer((_req, res) => {
      setTimeout(
        () =>
          sendJson(res, { quote: 'Slow but sure.', ipAddress: 'stub/127.0.0.1:1', language: 'en' }),
        400,
      );
    });
    const first = await startAccountService({
      QUOTES_SERVICE_URL: slowQuotes.url,
      QUOTES_TIMEOUT_MS: '2000',
    });
    const inFlight = getJson<Account>(`${first.url}/accounts/10005`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const exit = await first.service.stop('SIGTERM');
    const answered = await inFlight;
    expect(answered.status).toBe(200);
    expect(answered.body.quote.quote).toBe('Slow but sure.');
    expect(exit).toEqual({ code: 0, signal: null });
    await slowQuotes.close();

    const second = await startAccountService({}, first.dataDir);
    const again = await getJson<Account>(`${second.url}/accounts/10099`);
    expect(again.status).toBe(200);
    expect(again.body.name).toBe('Person_99');
    expect(second.service.stdout).toContain('Seeded 100 fake accounts...');
    expect(await second.service.stop('SIGINT')).toEqual({ code: 0, signal: null });
    first.dataDir.remove();
  });

  it('while draining, serves a request that arrives on a kept-alive connection, and asks to close it', async () => {
    const slowQuotes = await startStubServer((_req, res) => {
      setTimeout(
        () => sendJson(res, { quote: 'Drained.', ipAddress: 'stub/127.0.0.1:1', language: 'en' }),
        400,
      );
    });
    const account = await startAccountService({
      QUOTES_SERVICE_URL: slowQuotes.url,
      QUOTES_TIMEOUT_MS: '2000',
    });
    const connection = await keptAliveConnection(account.url);
    connection.send('/accounts/10006');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stopped = account.service.stop('SIGTERM');
    await waitFor('the shutdown to begin', 5_000, () =>
      account.service.stdout.includes('SIGTERM received'),
    );
    connection.send('/accounts/10007');
    expect(await stopped).toEqual({ code: 0, signal: null });
    await connection.closed;
    const answers = connection.answers();
    expect(answers).toHaveLength(2);
    expect(answers.map((answer) => answer.slice(0, 12))).toEqual(['HTTP/1.1 200', 'HTTP/1.1 200']);
    expect(answers[1]).toMatch(/^connection: close$/im);
    expect(answers[1]).toContain('"name":"Person_7"');
    await slowQuotes.close();
    account.dataDir.remove();
  });

  it('drains for SHUTDOWN_DRAIN_MS: an idle kept-alive connection and a new one are served, with `Connection: close`', async () => {
    const account = await startAccountService({ SHUTDOWN_DRAIN_MS: '3000' });
    const idle = await keptAliveConnection(account.url);
    idle.send('/accounts/10001');
    await waitFor('the first answer', 5_000, () => idle.answers().length === 1);

    const stopped = account.service.stop('SIGTERM');
    await waitFor('the shutdown to begin', 5_000, () =>
      account.service.stdout.includes('SIGTERM received'),
    );
    // The connection sat idle as the signal came: closed at once, this request would get a reset.
    await new Promise((resolve) => setTimeout(resolve, 300));
    idle.send('/accounts/10002');
    const fresh = await keptAliveConnection(account.url);
    fresh.send('/accounts/10003');
    await Promise.all([idle.closed, fresh.closed]);
    expect(await stopped).toEqual({ code: 0, signal: null });

    const [before, during] = idle.answers();
    expect([before, during, ...fresh.answers()].map((answer) => answer.slice(0, 12))).toEqual([
      'HTTP/1.1 200',
      'HTTP/1.1 200',
      'HTTP/1.1 200',
    ]);
    expect(before).not.toMatch(/^connection: close\r$/im);
    expect(during).toMatch(/^connection: close\r$/im);
    expect(during).toContain('"name":"Person_2"');
    expect(fresh.answers()[0]).toMatch(/^connection: close\r$/im);
    account.dataDir.remove();
  });

  it('stops within SHUTDOWN_TIMEOUT_MS although a client holds a half-sent request, closing LevelDB and exiting 0', async () => {
    const account = await startAccountService({ SHUTDOWN_TIMEOUT_MS: '1000' });
    const client = await halfSentRequest(account.url);
    const { value: exit, elapsedMs } = await timed(() => account.service.stop('SIGTERM'));
    expect(exit).toEqual({ code: 0, signal: null });
    expect(elapsedMs).toBeGreaterThanOrEqual(950);
    // Without the deadline it waits for the client, here for good (the test's own timeout).
    expect(elapsedMs).toBeLessThan(8_000);
    expect(account.service.stdout).toContain(
      'requests still open after SHUTDOWN_TIMEOUT_MS=1000, closing their connections',
    );
    await client.received;
    const db = new Level(account.dataDir.path);
    await db.open(); // the lock is free and the database opens clean
    await db.close();
    account.dataDir.remove();
  }, 30_000);

  it('answers a request whose headers do not arrive within 10 s with a 408 ErrorBody, and closes it', async () => {
    const account = await startAccountService({});
    const client = await halfSentRequest(account.url);
    const { value: received, elapsedMs } = await timed(() => client.received);
    const [head, body] = received.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 408 /);
    expect(
      errorBodyProblems(
        { status: 408, headers: { 'content-type': 'application/json' }, text: body },
        408,
        { path: '/accounts/10000' },
      ),
    ).toEqual([]);
    expect(elapsedMs).toBeGreaterThan(9_000);
    expect(elapsedMs).toBeLessThan(20_000); // Node's own default is 60 s, checked every 30 s
    await account.service.stop();
    account.dataDir.remove();
  }, 40_000);

  (asRoot ? it : it.skip)(
    'exits at once on a second signal, also as PID 1 of its own PID namespace',
    async () => {
      const account = await startAccountService({ SHUTDOWN_TIMEOUT_MS: '60000' }, undefined, {
        prefix: ['unshare', '--pid', '--fork', '--kill-child'],
      });
      const unsharePid = account.service.process.pid as number;
      const nodePid = Number(
        readFileSync(`/proc/${unsharePid}/task/${unsharePid}/children`, 'utf8').trim(),
      );
      expect(readFileSync(`/proc/${nodePid}/status`, 'utf8')).toMatch(/^NSpid:\s+\d+\s+1$/m);
      const client = await halfSentRequest(account.url);
      process.kill(nodePid, 'SIGTERM');
      await waitFor('the first SIGTERM to be handled', 5_000, () =>
        account.service.stdout.includes('SIGTERM received'),
      );
      const { value: exit, elapsedMs } = await timed(async () => {
        process.kill(nodePid, 'SIGTERM');
        return account.service.exited;
      });
      expect(exit.code).toBe(143);
      expect(elapsedMs).toBeLessThan(5_000);
      expect(account.service.stdout).toContain('SIGTERM received again, exiting');
      client.socket.destroy();
      account.dataDir.remove();
    },
    30_000,
  );

  it('starts, and serves every other id, when stored values are not accounts', async () => {
    const dataDir = makeTempDir('accountservice-corrupt');
    // The service's layout: each account's name, as text, under its id in the sublevel `accounts`.
    const db = new Level<string, Buffer>(dataDir.path, { valueEncoding: 'buffer' });
    const accounts = db.sublevel<string, Buffer>('accounts', { valueEncoding: 'buffer' });
    await accounts.put('10000', Buffer.from([0xff, 0xfe, 0x00, 0x7b])); // not UTF-8
    await accounts.put('10001', Buffer.from('')); // empty
    await accounts.put('10002', Buffer.from('Person\u0007_2')); // a control character
    await db.close();
    const account = await startAccountService({}, dataDir);
    for (const id of ['10000', '10001', '10002']) {
      const response = await getJson(`${account.url}/accounts/${id}`);
      expect(response.status).toBe(500);
      expect(response.body).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        message: 'internal server error',
      });
    }
    const other = await getJson<Account>(`${account.url}/accounts/10003`);
    expect(other.status).toBe(200);
    expect(other.body.name).toBe('Person_3');
    expect(account.service.stdout).toContain(
      'the stored value of account 10000 is not an account; it is kept',
    );
    await account.service.stop();
    const reopened = new Level<string, Buffer>(dataDir.path, { valueEncoding: 'buffer' });
    const kept = reopened.sublevel<string, Buffer>('accounts', { valueEncoding: 'buffer' });
    expect(await kept.get('10000')).toEqual(Buffer.from([0xff, 0xfe, 0x00, 0x7b])); // not lost
    await reopened.close();
    dataDir.remove();
  });

  it('refuses to start on a DATA_DIR that another process holds, with one clear line', async () => {
    const first = await startAccountService({});
    const second = spawnService('accountservice', {
      PORT: String(await freePort()),
      DATA_DIR: first.dataDir.path,
    });
    const exit = await second.exited;
    expect(exit.code).toBe(1);
    expect(second.stderr).toBe(
      `accountservice: LevelDB at ${first.dataDir.path} is locked: another process has this DATA_DIR open\n`,
    );
    const stillServing = await getJson(`${first.url}/accounts/10000`);
    expect(stillServing.status).toBe(200);
    await first.service.stop();
    first.dataDir.remove();
  });

  describe('rejects bad configuration with one line naming the variable, and exit 1', () => {
    const dir = makeTempDir('accountservice-config');
    const aFile = join(dir.path, 'not-a-dir');
    writeFileSync(aFile, '');
    afterAll(() => dir.remove());

    it.each([
      ['PORT', 'abc', 'PORT must be a whole number from 1 to 65535 (got "abc")'],
      ['PORT', '70000', 'PORT must be a whole number from 1 to 65535 (got "70000")'],
      [
        'QUOTES_TIMEOUT_MS',
        '-5',
        'QUOTES_TIMEOUT_MS must be a whole number from 1 to 60000 (got "-5")',
      ],
      [
        'QUOTES_SERVICE_URL',
        'ftp://x',
        'QUOTES_SERVICE_URL must be an http:// or https:// URL without a query or fragment (got "ftp://x")',
      ],
      [
        'QUOTES_SERVICE_URL',
        'ftp://quotes:s3cret@quotes-service:8080',
        'QUOTES_SERVICE_URL must be an http:// or https:// URL without a query or fragment (got "ftp://***@quotes-service:8080")',
      ],
      [
        'QUOTES_SERVICE_URL',
        'http://quotes-service:8080/?strength=16',
        'QUOTES_SERVICE_URL must be an http:// or https:// URL without a query or fragment (got "http://quotes-service:8080/?strength=16")',
      ],
      [
        'SHUTDOWN_TIMEOUT_MS',
        'soon',
        'SHUTDOWN_TIMEOUT_MS must be a whole number from 0 to 600000 (got "soon")',
      ],
      [
        'DATA_DIR',
        join(aFile, 'db'),
        `DATA_DIR must be a writable directory (${join(aFile, 'db')}: ENOTDIR)`,
      ],
    ])('%s=%s', async (variable, value, problem) => {
      const service = spawnService('accountservice', {
        PORT: String(await freePort()),
        DATA_DIR: join(dir.path, 'data'),
        [variable]: value,
      });
      expect(await service.exited).toEqual({ code: 1, signal: null });
      expect(service.stderr).toBe(`accountservice: invalid configuration: ${problem}\n`);
      expect(service.stdout).toBe('');
    });
  });
});
