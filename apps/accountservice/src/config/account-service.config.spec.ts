import { ConfigError, defaultMaxConnections } from '@landscape/runtime';
import { makeTempDir } from '@landscape/processes';
import { resolve } from 'node:path';
import { loadConfig } from './account-service.config';

describe('loadConfig', () => {
  const dir = makeTempDir('account-config');
  afterAll(() => dir.remove());

  it('has the documented defaults', () => {
    const config = loadConfig({ DATA_DIR: dir.path });
    expect(config).toEqual({
      server: {
        port: 6767,
        shutdownTimeoutMs: 10_000,
        shutdownDrainMs: 5_000,
        maxConnections: defaultMaxConnections(),
      },
      dataDir: dir.path,
      quotes: {
        baseUrl: 'http://localhost:8080',
        timeoutMs: 300,
        hedgeAfterMs: 100,
        breakerResetMs: 5000,
        breakerVolumeThreshold: 10,
        connectionMaxAgeMs: 5000,
      },
    });
  });

  it('defaults DATA_DIR to a folder under tmp/, which git ignores', () => {
    const cwd = process.cwd();
    process.chdir(dir.path);
    try {
      expect(loadConfig({}).dataDir).toBe(resolve(dir.path, 'tmp/accountservice-data'));
    } finally {
      process.chdir(cwd);
    }
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '7000',
      SHUTDOWN_TIMEOUT_MS: '2000',
      SHUTDOWN_DRAIN_MS: '1000',
      MAX_CONNECTIONS: '300',
      DATA_DIR: dir.path,
      QUOTES_SERVICE_URL: 'http://quotes-service:8080',
      QUOTES_TIMEOUT_MS: '150',
      QUOTES_BREAKER_RESET_MS: '1000',
      QUOTES_BREAKER_VOLUME: '3',
      QUOTES_CONNECTION_MAX_AGE_MS: '60000',
      QUOTES_HEDGE_AFTER_MS: '0',
    });
    expect(config.server).toEqual({
      port: 7000,
      shutdownTimeoutMs: 2000,
      shutdownDrainMs: 1000,
      maxConnections: 300,
    });
    expect(config.quotes).toEqual({
      baseUrl: 'http://quotes-service:8080',
      timeoutMs: 150,
      hedgeAfterMs: 0,
      breakerResetMs: 1000,
      breakerVolumeThreshold: 3,
      connectionMaxAgeMs: 60_000,
    });
  });

  it('hedges within a budget shorter than the default hedge delay', () => {
    expect(loadConfig({ DATA_DIR: dir.path, QUOTES_TIMEOUT_MS: '40' }).quotes.hedgeAfterMs).toBe(
      39,
    );
  });

  it.each([
    ['PORT', 'abc'],
    ['QUOTES_TIMEOUT_MS', '-1'],
    ['QUOTES_TIMEOUT_MS', '0'],
    ['QUOTES_SERVICE_URL', 'quotes'],
    ['QUOTES_SERVICE_URL', 'http://quotes-service:8080/?strength=16'],
    ['QUOTES_SERVICE_URL', 'http://quotes-service:8080/#x'],
    ['SHUTDOWN_TIMEOUT_MS', 'soon'],
    ['QUOTES_BREAKER_VOLUME', 'x'],
    ['QUOTES_CONNECTION_MAX_AGE_MS', '10'],
    ['QUOTES_HEDGE_AFTER_MS', '-1'],
    ['QUOTES_HEDGE_AFTER_MS', '300'],
  ])('rejects %s=%p with a ConfigError naming it', (variable, value) => {
    expect(() => loadConfig({ DATA_DIR: dir.path, [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: dir.path, [variable]: value })).toThrow(
      `invalid configuration: ${variable} `,
    );
  });
});
