import type { Account } from '@landscape/contracts';
import {
  freePort,
  getJson,
  makeTempDir,
  sendJson,
  spawnService,
  startStubServer,
} from '@landscape/testing';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAccountService } from './support/accountservice';

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
        'QUOTES_SERVICE_URL must be an http:// or https:// URL (got "ftp://x")',
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
