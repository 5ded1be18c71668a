import { type Env, readInteger, readServerConfig, type ServerConfig } from '@landscape/runtime';

export const VISUALIZER_CONFIG = Symbol('VISUALIZER_CONFIG');

export interface VisualizerConfig {
  server: ServerConfig;
  /** How often the swarm is read when no event has arrived; events trigger reads at once. */
  pollIntervalMs: number;
  /** The longest any Docker engine call may take before it counts as not answering. */
  engineTimeoutMs: number;
  /** Browsers following /api/events at once; one more gets 503. */
  maxLiveClients: number;
  /** Bytes queued for one live client that does not read; past them it is dropped. */
  liveClientBufferBytes: number;
  /** How often a comment line goes to every live client, so that idle proxies keep the stream. */
  liveHeartbeatMs: number;
}

/** The Docker connection comes from DOCKER_HOST (and DOCKER_TLS_VERIFY, DOCKER_CERT_PATH), else the socket. */
export function loadConfig(env: Env): VisualizerConfig {
  return {
    server: readServerConfig(env, 6969),
    pollIntervalMs: readInteger(env, 'POLL_INTERVAL_MS', 2_000, { min: 250, max: 60_000 }),
    engineTimeoutMs: readInteger(env, 'DOCKER_TIMEOUT_MS', 5_000, { min: 100, max: 60_000 }),
    maxLiveClients: readInteger(env, 'MAX_LIVE_CLIENTS', 50, { min: 1, max: 10_000 }),
    liveClientBufferBytes: readInteger(env, 'LIVE_CLIENT_BUFFER_BYTES', 256 * 1024, {
      min: 16 * 1024,
      max: 64 * 1024 * 1024,
    }),
    // Under the 30 to 60 s after which proxies usually close an idle connection.
    liveHeartbeatMs: readInteger(env, 'LIVE_HEARTBEAT_MS', 15_000, { min: 100, max: 300_000 }),
  };
}
