import Docker from 'dockerode';
import type { FootprintReading, FootprintSource } from './footprint-source';

type Selector = { service: string } | { container: string };

interface CpuCounter {
  usageNs: number;
  at: number;
}

/**
 * The containers of a Swarm service (summed over its running tasks on this node) or one container,
 * through the Engine API's one-shot stats. CPU is the container's CPU time between two readings over
 * the wall time between them; memory is usage minus inactive file cache, as `docker stats` shows it.
 */
export class DockerSource implements FootprintSource {
  readonly label: string;
  private readonly previous = new Map<string, CpuCounter>();

  constructor(
    private readonly selector: Selector,
    private readonly docker = new Docker(),
  ) {
    this.label =
      'service' in selector ? `service ${selector.service}` : `container ${selector.container}`;
  }

  async read(): Promise<FootprintReading> {
    const ids = await this.containerIds();
    if (ids.length === 0)
      throw new Error(`${this.label}: no running container on this Docker engine`);
    const readings = await Promise.all(ids.map((id) => this.readContainer(id)));
    return readings.reduce((sum, reading) => ({
      cpuPercent: sum.cpuPercent + reading.cpuPercent,
      memoryBytes: sum.memoryBytes + reading.memoryBytes,
    }));
  }

  async close(): Promise<void> {
    this.previous.clear();
  }

  private async containerIds(): Promise<string[]> {
    if ('container' in this.selector) return [this.selector.container];
    const containers = await this.docker.listContainers({
      filters: {
        label: [`com.docker.swarm.service.name=${this.selector.service}`],
        status: ['running'],
      },
    });
    return containers.map((container) => container.Id);
  }

  private async readContainer(id: string): Promise<FootprintReading> {
    const stats = await this.docker.getContainer(id).stats({ stream: false, 'one-shot': true });
    const now = performance.now();
    const usageNs = stats.cpu_stats.cpu_usage.total_usage;
    const before = this.previous.get(id);
    this.previous.set(id, { usageNs, at: now });
    const cpuPercent = before ? ((usageNs - before.usageNs) / 1e6 / (now - before.at)) * 100 : 0;
    const memory = stats.memory_stats as { usage?: number; stats?: Record<string, number> };
    const cache = memory.stats?.['inactive_file'] ?? memory.stats?.['total_inactive_file'] ?? 0;
    return { cpuPercent: Math.max(0, cpuPercent), memoryBytes: (memory.usage ?? 0) - cache };
  }
}
