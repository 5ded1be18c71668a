import type { QuoteCallOptions } from '@landscape/quote-client';
import {
  type Env,
  readHttpUrl,
  readInteger,
  readServerConfig,
  readWritableDir,
  type ServerConfig,
} from '@landscape/runtime';

export const ACCOUNT_SERVICE_CONFIG = Symbol('ACCOUNT_SERVICE_CONFIG');

export interface QuoteClientOptions extends QuoteCallOptions {
  /** How long the breaker stays open before it lets one probe through (half-open). */
  breakerResetMs: number;
  /** Calls in the rolling window before failures can open the breaker. */
  breakerVolumeThreshold: number;
}

export interface AccountServiceConfig {
  server: ServerConfig;
  dataDir: string;
  quotes: QuoteClientOptions;
}

export function loadConfig(env: Env): AccountServiceConfig {
  const timeoutMs = readInteger(env, 'QUOTES_TIMEOUT_MS', 300, { min: 1, max: 60_000 });
  return {
    server: readServerConfig(env, 6767),
    dataDir: readWritableDir(env, 'DATA_DIR', 'tmp/accountservice-data'),
    quotes: {
      baseUrl: readHttpUrl(env, 'QUOTES_SERVICE_URL', 'http://localhost:8080'),
      timeoutMs,
      // A copy sent after the budget is over could not answer in time.
      hedgeAfterMs: readInteger(env, 'QUOTES_HEDGE_AFTER_MS', Math.min(100, timeoutMs - 1), {
        min: 0,
        max: timeoutMs - 1,
      }),
      breakerResetMs: readInteger(env, 'QUOTES_BREAKER_RESET_MS', 5_000, { min: 1, max: 600_000 }),
      breakerVolumeThreshold: readInteger(env, 'QUOTES_BREAKER_VOLUME', 10, {
        min: 1,
        max: 10_000,
      }),
      connectionMaxAgeMs: readInteger(env, 'QUOTES_CONNECTION_MAX_AGE_MS', 5_000, {
        min: 100,
        max: 3_600_000,
      }),
    },
  };
}
