import { type Env, readServerConfig, type ServerConfig } from '@landscape/runtime';

export const QUOTES_SERVICE_CONFIG = Symbol('QUOTES_SERVICE_CONFIG');

export interface QuotesServiceConfig {
  server: ServerConfig;
}

export function loadConfig(env: Env): QuotesServiceConfig {
  return { server: readServerConfig(env, 8080) };
}
