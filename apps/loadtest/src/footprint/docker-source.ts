import Docker from 'dockerode';
import type { FootprintReading, FootprintSource } from '@landscape/load';

type Selector = { service: string } | { container: string };

interface CpuCounter {
  usageNs: number;
  at: number;
}

/**
 * Where `--engine` points: `unix:///path/to/docker.sock` or `tcp://host:port` (plain HTTP). Without
 * one, dockerode follows DOCKER_HOST (and DOCKER_TLS_VERIFY, DOCKER_CERT_PATH), else the local socket.
 */
export function dockerEngine(url?: string): Docker {
  if (url === undefined) return new Docker();
  const parsed = new URL(url);
  return parsed.protocol === 'unix:'
    ? new Docker({ socketPath: parsed.pathname })
    : new Docker({ host: parsed.hostname, port: parsed.port, protocol: 'http' });
}

/**
 * The containers of a Swarm service (summed over its running tasks on every engine given, one per
 * node) or one container, through the Engine API's one-shot stats. An engine lists only its own
 * node's containers, so a service spread over a swarm is read from each node's engine. CPU is the
 * container's CPU time between two readings over the wall time between them; memory is usage minus
 * inactive file cache, as `docker stats` shows it.
 */
export class DockerSource implements FootprintSource {
  readonly label: string;
  private readonly previous = new Map<string, CpuCounter>();

  constructor(
    private readonly selector: Selector,
    private readonly engines: Docker[],
  ) {
    this.label =
      'service' in selector ? `service ${selector.service}` : `container ${selector.container}`;
  }

  async read(): Promise<FootprintReading> {
    const containers = (
      await Promise.all(this.engines.map((engine) => this.containersOn(engine)))
    ).flat();
    if (containers.length === 0) {
      const engines = this.engines.length === 1 ? 'this Docker engine' : 'these Docker engines';
      throw new Error(`${this.label}: no running container on ${engines}`);
    }
    const readings = await Promise.all(
      containers.map((container) => this.readContainer(container)),
    );
    return readings.reduce((sum, reading) => ({
      cpuPercent: sum.cpuPercent + reading.cpuPercent,
      memoryBytes: sum.memoryBytes + reading.memoryBytes,
    }));
  }

  async close(): Promise<void> {
    this.previous.clear();
  }

  private async containersOn(engine: Docker): Promise<Docker.Container[]> {
    if ('container' in this.selector) {
      const container = engine.getContainer(this.selector.container);
      const running = await container.inspect().then(
        (info) => info.State.Running,
        (error: { statusCode?: number }) => {
          if (error.statusCode === 404) return false; // on another engine
          throw error;
        },
      );
      return running ? [container] : [];
    }
    const containers = await engine.listContainers({
      filters: {
        label: [`com.docker.swarm.service.name=${this.selector.service}`],
        status: ['running'],
      },
    });
    return containers.map((container) => engine.getContainer(container.Id));
  }

  private async readContainer(container: Docker.Container): Promise<FootprintReading> {
    const stats = await container.stats({ stream: false, 'one-shot': true });
    const now = performance.now();
    const usageNs = stats.cpu_stats.cpu_usage.total_usage;
    const before = this.previous.get(container.id);
    this.previous.set(container.id, { usageNs, at: now });
    const cpuPercent = before ? ((usageNs - before.usageNs) / 1e6 / (now - before.at)) * 100 : 0;
    const memory = stats.memory_stats as { usage?: number; stats?: Record<string, number> };
    const cache = memory.stats?.['inactive_file'] ?? memory.stats?.['total_inactive_file'] ?? 0;
    return { cpuPercent: Math.max(0, cpuPercent), memoryBytes: (memory.usage ?? 0) - cache };
  }
}
