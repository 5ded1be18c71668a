import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import {
  isAccountName,
  SEED_ACCOUNT_COUNT,
  seedAccount,
  type StoredAccount,
} from '@landscape/contracts';
import { StartupError } from '@landscape/runtime';
import { Level } from 'level';
import { Counter, Registry } from 'prom-client';
import {
  type AccountServiceConfig,
  ACCOUNT_SERVICE_CONFIG,
} from '../config/account-service.config';

/** A stored value that is not an account: it stays as it is, and reading it fails. */
export class CorruptAccountError extends Error {
  override readonly name = 'CorruptAccountError';
}

/**
 * The accounts, kept in LevelDB in the sublevel `accounts`: under each id, its name as text. A
 * read is a string check, not a JSON.parse (docs/PERFORMANCE.md), and the name is checked
 * against the Account's shape, so that one bad value fails the reads of its own id only, never
 * the start or the other ids. Data written in the older layout (JSON under bare ids) is left
 * where it is, unread.
 */
@Injectable()
export class AccountRepository implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(AccountRepository.name);
  private readonly db: Level<string, string>;
  private readonly names: ReturnType<typeof accountNames>;
  private readonly readErrors: Counter;

  constructor(
    @Inject(ACCOUNT_SERVICE_CONFIG) private readonly config: Pick<AccountServiceConfig, 'dataDir'>,
    registry: Registry,
  ) {
    this.db = new Level(config.dataDir, { valueEncoding: 'utf8' });
    this.names = accountNames(this.db);
    this.readErrors = new Counter({
      name: 'leveldb_read_errors_total',
      help: 'Account reads that failed: LevelDB errors and stored values that are not accounts.',
      registers: [registry],
    });
  }

  async onModuleInit(): Promise<void> {
    await this.open();
    await this.seed();
    this.logger.log(`Seeded ${SEED_ACCOUNT_COUNT} fake accounts...`);
  }

  /** Runs after the HTTP server has closed, so no in-flight request loses its database. */
  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }

  /**
   * The account with this id, or undefined when there is none; throws CorruptAccountError when
   * its stored value is not an account. A synchronous read: the accounts fit in LevelDB's
   * memtable and block cache, where getSync takes about 1 µs against 17 µs for get(), whose trip
   * through libuv's thread pool costs more than the read (see PERFORMANCE.md).
   */
  find(id: string): StoredAccount | undefined {
    try {
      const name = this.names.getSync(id);
      return name === undefined ? undefined : account(id, name);
    } catch (error) {
      this.readErrors.inc();
      throw error;
    }
  }

  /** Resolves when the database answers a read; rejects otherwise. */
  async ping(): Promise<void> {
    if (this.db.status !== 'open') throw new Error(`LevelDB is ${this.db.status}`);
    await this.names.get(seedAccount(0).id);
  }

  private async open(): Promise<void> {
    try {
      await this.db.open();
      await this.names.open(); // a sublevel stays closed when its database is reopened
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      if (cause?.code === 'LEVEL_LOCKED') {
        throw new StartupError(
          `LevelDB at ${this.config.dataDir} is locked: another process has this DATA_DIR open`,
        );
      }
      throw new StartupError(
        `cannot open LevelDB at ${this.config.dataDir}: ${cause?.message ?? (error as Error).message}`,
      );
    }
  }

  /**
   * Writes the seed accounts that are missing, so that a restart neither duplicates nor fails.
   * An existing value is never overwritten, even one that is not an account: it is reported.
   */
  private async seed(): Promise<void> {
    const accounts = Array.from({ length: SEED_ACCOUNT_COUNT }, (_, index) => seedAccount(index));
    const existing = await this.names.getMany(accounts.map(({ id }) => id));
    const missing = accounts.filter((_, index) => existing[index] === undefined);
    existing.forEach((name, index) => {
      if (name === undefined) return;
      try {
        account(accounts[index].id, name);
      } catch (error) {
        this.logger.warn(`${(error as Error).message}; it is kept, and reading it answers 500`);
      }
    });
    if (missing.length === 0) return;
    await this.names.batch(
      missing.map(({ id, name }) => ({ type: 'put' as const, key: id, value: name })),
    );
  }
}

function accountNames(db: Level<string, string>) {
  return db.sublevel<string, string>('accounts', { valueEncoding: 'utf8' });
}

function account(id: string, name: string): StoredAccount {
  if (!isAccountName(name)) {
    throw new CorruptAccountError(`the stored value of account ${id} is not an account`);
  }
  return { id, name };
}
