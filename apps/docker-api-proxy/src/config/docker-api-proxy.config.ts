import { type Env, readServerConfig, type ServerConfig } from '@landscape/runtime';

export const DOCKER_API_PROXY_CONFIG = Symbol('DOCKER_API_PROXY_CONFIG');

export interface DockerApiProxyConfig {
  server: ServerConfig;
  /** The engine's socket, which only this service mounts. */
  socketPath: string;
}

export function loadConfig(env: Env): DockerApiProxyConfig {
  return {
    server: readServerConfig(env, 2375),
    socketPath: env['DOCKER_SOCKET']?.trim() || '/var/run/docker.sock',
  };
}
