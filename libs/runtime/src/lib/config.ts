import { accessSync, constants, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultMaxConnections } from './connection-limit';
import { ConfigError } from './startup-error';

export type Env = Readonly<Record<string, string | undefined>>;

/** An unset or empty variable takes the default, so that `FOO=` in a stack file means "unset". */
function raw(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

export function readInteger(
  env: Env,
  name: string,
  fallback: number,
  range: { min: number; max: number },
): number {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  const parsed = /^-?[0-9]+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(parsed) || parsed < range.min || parsed > range.max) {
    throw new ConfigError(
      name,
      `must be a whole number from ${range.min} to ${range.max} (got "${value}")`,
    );
  }
  return parsed;
}

export function readPort(env: Env, name: string, fallback: number): number {
  return readInteger(env, name, fallback, { min: 1, max: 65535 });
}

/** What runService needs of every service's configuration. */
export interface ServerConfig {
  port: number;
  /** How long a shutdown takes, its drain included, before it closes the connections left. */
  shutdownTimeoutMs: number;
  /** How long a shutdown first serves on, asking each client to close (drainConnections). */
  shutdownDrainMs: number;
  /** The most connections held at once (limitConnections). */
  maxConnections: number;
}

export function readServerConfig(env: Env, defaultPort: number): ServerConfig {
  return {
    port: readPort(env, 'PORT', defaultPort),
    shutdownTimeoutMs: readInteger(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, { min: 0, max: 600_000 }),
    shutdownDrainMs: readInteger(env, 'SHUTDOWN_DRAIN_MS', 5_000, { min: 0, max: 600_000 }),
    maxConnections: readInteger(env, 'MAX_CONNECTIONS', defaultMaxConnections(), {
      min: 1,
      max: 100_000,
    }),
  };
}

/**
 * An http:// or https:// base URL, without a trailing slash. It may carry credentials, which no
 * error message repeats; a query or a fragment is refused, since paths are appended to it.
 */
export function readHttpUrl(env: Env, name: string, fallback: string): string {
  const value = raw(env, name) ?? fallback;
  const problem = `must be an http:// or https:// URL without a query or fragment (got "${withoutCredentials(value)}")`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(name, problem);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) {
    throw new ConfigError(name, problem);
  }
  return url.href.replace(/\/+$/, '');
}

/** `scheme://user:pass@host` → `scheme://***@host`, also in strings that are not valid URLs. */
export function withoutCredentials(text: string): string {
  return text.replace(/^([^:/?#]*:\/\/)[^/?#]*@/, '$1***@');
}

/**
 * A directory that exists (created if need be) and that this process can write to, proven by
 * writing a file: permission bits alone do not tell, as root ignores them.
 */
export function readWritableDir(env: Env, name: string, fallback: string): string {
  const dir = resolve(raw(env, name) ?? fallback);
  const probe = join(dir, `.write-probe-${process.pid}`);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new ConfigError(name, `must be a writable directory (${dir}: ${reason})`);
  }
  return dir;
}
