import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readHttpUrl, readInteger, readPort, readWritableDir } from './config';
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

  it.each(['quotes-service:8080x', 'ftp://host', 'not a url'])('rejects %p', (value) => {
    expect(() => readHttpUrl({ U: value }, 'U', 'x')).toThrow(
      `invalid configuration: U must be an http:// or https:// URL (got "${value}")`,
    );
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
