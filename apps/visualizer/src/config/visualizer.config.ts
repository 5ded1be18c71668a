import { type Env, readInteger, readServerConfig, type ServerConfig } from '@landscape/runtime';

export const VISUALIZER_CONFIG = Symbol('VISUALIZER_CONFIG');

export interface VisualizerConfig {
  server: ServerConfig;
  /** How often the swarm is read when no event has arrived; events trigger reads at once. */
  pollIntervalMs: number;
}

/** The Docker connection comes from DOCKER_HOST (and DOCKER_TLS_VERIFY, DOCKER_CERT_PATH), else the socket. */
export function loadConfig(env: Env): VisualizerConfig {
  return {
    server: readServerConfig(env, 6969),
    pollIntervalMs: readInteger(env, 'POLL_INTERVAL_MS', 2_000, { min: 250, max: 60_000 }),
  };
}
