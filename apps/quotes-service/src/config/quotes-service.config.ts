import { type Env, readPort } from '@landscape/runtime';

export const QUOTES_SERVICE_CONFIG = Symbol('QUOTES_SERVICE_CONFIG');

export interface QuotesServiceConfig {
  port: number;
}

export function loadConfig(env: Env): QuotesServiceConfig {
  return { port: readPort(env, 'PORT', 8080) };
}
