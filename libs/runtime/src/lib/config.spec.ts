import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  readHttpUrl,
  readInteger,
  readPort,
  readServerConfig,
  readWritableDir,
  withoutCredentials,
} from './config';
import { defaultMaxConnections } from './connection-limit';
import { ConfigError, StartupError } from './startup-error';

describe('readPort', () => {
  it('takes the default when unset or empty', () => {
    expect(readPort({}, 'PORT', 6767)).toBe(6767);
    expect(readPort({ PORT: '' }, 'PORT', 6767)).toBe(6767);
    expect(readPort({ PORT: '  ' }, 'PORT', 6767)).toBe(6767);
  });

  it('reads a valid port', () => {
    expect(readPort({ PORT: '8080' }, 'PORT', 1)).toBe(8080);
    expect(readPort({ PORT: ' 65535 ' }, 'PORT', 1)).toBe(65535);
  });

  it.each(['abc', '0', '65536', '80.5', '1e3', '0x50', '-1', '99999999999999999999'])(
    'rejects %p with a ConfigError naming the variable',
    (value) => {
      const read = () => readPort({ PORT: value }, 'PORT', 1);
      expect(read).toThrow(ConfigError);
      expect(read).toThrow(
        `invalid configuration: PORT must be a whole number from 1 to 65535 (got "${value}")`,
      );
    },
  );
});

describe('readInteger', () => {
  it('enforces the range', () => {
    const range = { min: 1, max: 10 };
    expect(readInteger({ N: '10' }, 'N', 5, range)).toBe(10);
    expect(() => readInteger({ N: '11' }, 'N', 5, range)).toThrow(
      'N must be a whole number from 1 to 10',
    );
    expect(() => readInteger({ N: '-5' }, 'N', 5, range)).toThrow('(got "-5")');
  });
});

describe('readHttpUrl', () => {
  it('accepts http and https URLs, without a trailing slash', () => {
    expect(readHttpUrl({}, 'U', 'http://localhost:8080')).toBe('http://localhost:8080');
    expect(readHttpUrl({ U: 'http://quotes-service:8080/' }, 'U', 'x')).toBe(
      'http://quotes-service:8080',
    );
    expect(readHttpUrl({ U: 'https://q.example/base/' }, 'U', 'x')).toBe('https://q.example/base');
  });

  it.each(['quotes-service:8080x', 'ftp://host', 'not a url', 'http://q:1/?a=1', 'http://q:1/#f'])(
    'rejects %p',
    (value) => {
      expect(() => readHttpUrl({ U: value }, 'U', 'x')).toThrow(
        `invalid configuration: U must be an http:// or https:// URL without a query or fragment (got "${value}")`,
      );
    },
  );

  it('accepts credentials, and never repeats them in its error', () => {
    expect(readHttpUrl({ U: 'http://u:p@q:8080' }, 'U', 'x')).toBe('http://u:p@q:8080');
    for (const value of [
      'ftp://user:s3cret@q',
      'http://user:s3cret@q/?x=1',
      'http://user:s3cret@q w',
    ]) {
      expect(() => readHttpUrl({ U: value }, 'U', 'x')).toThrow(/got "\w+:\/\/\*\*\*@q/);
      expect(() => readHttpUrl({ U: value }, 'U', 'x')).not.toThrow(/s3cret/);
    }
  });
});

describe('withoutCredentials', () => {
  it.each([
    ['http://user:pass@host:1/p', 'http://***@host:1/p'],
    ['https://token@host', 'https://***@host'],
    ['http://a:b@c@host', 'http://***@host'],
    ['http://host/path@x', 'http://host/path@x'],
    ['not a url', 'not a url'],
  ])('%p → %p', (text, expected) => {
    expect(withoutCredentials(text)).toBe(expected);
  });
});

describe('readServerConfig', () => {
  it('reads PORT, SHUTDOWN_TIMEOUT_MS, SHUTDOWN_DRAIN_MS and MAX_CONNECTIONS, with a 10 s shutdown and a 5 s drain by default', () => {
    expect(readServerConfig({}, 8080)).toEqual({
      port: 8080,
      shutdownTimeoutMs: 10_000,
      shutdownDrainMs: 5_000,
      maxConnections: defaultMaxConnections(),
    });
    expect(
      readServerConfig(
        { PORT: '1', SHUTDOWN_TIMEOUT_MS: '0', SHUTDOWN_DRAIN_MS: '0', MAX_CONNECTIONS: '500' },
        8080,
      ),
    ).toEqual({ port: 1, shutdownTimeoutMs: 0, shutdownDrainMs: 0, maxConnections: 500 });
    expect(() => readServerConfig({ SHUTDOWN_TIMEOUT_MS: '-1' }, 1)).toThrow('SHUTDOWN_TIMEOUT_MS');
    expect(() => readServerConfig({ SHUTDOWN_DRAIN_MS: 'soon' }, 1)).toThrow('SHUTDOWN_DRAIN_MS');
    expect(() => readServerConfig({ MAX_CONNECTIONS: '0' }, 1)).toThrow('MAX_CONNECTIONS');
  });
});

describe('readWritableDir', () => {
  let base: string;
  beforeEach(() => (base = mkdtempSync(join(tmpdir(), 'runtime-config-'))));
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('creates a missing directory and leaves no probe file behind', () => {
    const dir = join(base, 'a', 'b');
    expect(readWritableDir({ DATA_DIR: dir }, 'DATA_DIR', 'unused')).toBe(dir);
    expect(existsSync(dir)).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('rejects a path below a regular file', () => {
    const file = join(base, 'file');
    writeFileSync(file, '');
    expect(() => readWritableDir({ DATA_DIR: join(file, 'db') }, 'DATA_DIR', 'x')).toThrow(
      `invalid configuration: DATA_DIR must be a writable directory (${join(file, 'db')}: ENOTDIR)`,
    );
  });

  it('is a StartupError, so runService prints it as one line', () => {
    expect(new ConfigError('PORT', 'is bad')).toBeInstanceOf(StartupError);
  });
});
