import { makeTempDir, type TempDir } from '@landscape/processes';
import { Logger } from '@nestjs/common';
import { StartupError } from '@landscape/runtime';
import { Level } from 'level';
import { Registry } from 'prom-client';
import { AccountRepository, CorruptAccountError } from './account.repository';

const accountNames = (db: Level<string, string>) =>
  db.sublevel<string, string>('accounts', { valueEncoding: 'utf8' });

/** The repository's layout, opened as another process would: names under `accounts`. */
async function withAccounts(
  dir: string,
  use: (accounts: ReturnType<typeof accountNames>) => Promise<unknown>,
) {
  const db = new Level<string, string>(dir, { valueEncoding: 'utf8' });
  await use(accountNames(db));
  await db.close();
}

describe('AccountRepository on a real LevelDB', () => {
  let dir: TempDir;
  let repository: AccountRepository;
  const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);

  beforeEach(async () => {
    dir = makeTempDir('account-repository');
    repository = new AccountRepository({ dataDir: dir.path }, new Registry());
    await repository.onModuleInit();
  });

  afterEach(async () => {
    await repository.onApplicationShutdown();
    dir.remove();
  });

  afterAll(() => log.mockRestore());

  it('seeds ids 10000..10099 and says so', async () => {
    expect(repository.find('10000')).toEqual({ id: '10000', name: 'Person_0' });
    expect(repository.find('10099')).toEqual({ id: '10099', name: 'Person_99' });
    expect(log).toHaveBeenCalledWith('Seeded 100 fake accounts...');
  });

  it('gives undefined for an unknown id', async () => {
    expect(repository.find('10100')).toBeUndefined();
    expect(repository.find('9999')).toBeUndefined();
  });

  it('re-seeds idempotently: after a restart there are still exactly 100 accounts', async () => {
    await repository.onApplicationShutdown();
    repository = new AccountRepository({ dataDir: dir.path }, new Registry());
    await repository.onModuleInit();
    await repository.onApplicationShutdown();

    let keys: string[] = [];
    await withAccounts(dir.path, async (accounts) => {
      keys = await accounts.keys().all();
      expect(await accounts.get('10042')).toBe('Person_42');
    });
    expect(keys).toHaveLength(100);
    expect(keys[0]).toBe('10000');

    repository = new AccountRepository({ dataDir: dir.path }, new Registry());
    await repository.onModuleInit();
  });

  it('keeps an existing account as it is when it re-seeds', async () => {
    await repository.onApplicationShutdown();
    await withAccounts(dir.path, (accounts) => accounts.put('10000', 'Renamed'));

    repository = new AccountRepository({ dataDir: dir.path }, new Registry());
    await repository.onModuleInit();
    expect(repository.find('10000')).toEqual({ id: '10000', name: 'Renamed' });
  });

  it('fails with a StartupError naming the directory when another handle holds the lock', async () => {
    const second = new AccountRepository({ dataDir: dir.path }, new Registry());
    const opening = second.onModuleInit();
    await expect(opening).rejects.toBeInstanceOf(StartupError);
    await expect(opening).rejects.toThrow(
      `LevelDB at ${dir.path} is locked: another process has this DATA_DIR open`,
    );
  });

  it('counts reads that fail, among them values that are not accounts', async () => {
    await repository.onApplicationShutdown();
    await withAccounts(dir.path, (accounts) => accounts.put('10001', 'not\u0000a name'));
    const registry = new Registry();
    repository = new AccountRepository({ dataDir: dir.path }, registry);
    await repository.onModuleInit();
    expect(() => repository.find('10001')).toThrow(CorruptAccountError);
    expect(repository.find('10002')).toEqual({ id: '10002', name: 'Person_2' });
    expect(await registry.getSingleMetricAsString('leveldb_read_errors_total')).toMatch(
      /^leveldb_read_errors_total 1$/m,
    );
  });

  it('answers ping while open, and rejects once closed', async () => {
    await expect(repository.ping()).resolves.toBeUndefined();
    await repository.onApplicationShutdown();
    await expect(repository.ping()).rejects.toThrow('LevelDB is closed');
    await repository.onModuleInit();
  });
});
