import type { HealthBody, SwarmGraph } from '@landscape/contracts';
import { getJson, holdToContract } from '@landscape/testing';
import { makeTempDir, type RunningService, startService, type TempDir } from '@landscape/processes';
import { join } from 'node:path';

export interface VisualizerRun {
  service: RunningService;
  /** Where the visualizer expects the engine: start a fake one there. */
  socketPath: string;
  graph(): Promise<SwarmGraph | undefined>;
  health(): Promise<{ status: number; body: HealthBody }>;
  stop(): Promise<void>;
}

/** The built visualizer, reading an engine on a unix socket in a temp dir of its own. */
export async function startVisualizer(env: Record<string, string> = {}): Promise<VisualizerRun> {
  const dir: TempDir = makeTempDir('visualizer-e2e');
  const socketPath = join(dir.path, 'docker.sock');
  const service = await startService('visualizer', {
    DOCKER_HOST: `unix://${socketPath}`,
    DOCKER_TIMEOUT_MS: '500',
    POLL_INTERVAL_MS: '250',
    ...env,
  });
  await holdToContract(service, 'visualizer');
  return {
    service,
    socketPath,
    graph: async () => {
      const response = await getJson<SwarmGraph>(`${service.url}/api/graph`).catch(() => undefined);
      return response?.status === 200 ? response.body : undefined;
    },
    health: async () => {
      const { status, body } = await getJson<HealthBody>(`${service.url}/health`);
      return { status, body };
    },
    stop: async () => {
      await service.stop();
      dir.remove();
    },
  };
}

export const replicasOf = (graph: SwarmGraph | undefined) => graph?.services[0]?.desiredReplicas;
