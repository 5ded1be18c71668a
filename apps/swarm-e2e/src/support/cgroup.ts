import { existsSync, readFileSync } from 'node:fs';
import { docker } from '@landscape/testing';

export interface MemoryReading {
  /** What the container is charged now, page cache included. */
  usageBytes: number;
  limitBytes: number;
  /** Times the charge reached the limit and the kernel had to reclaim (memory.failcnt, or memory.events' max). */
  limitHits: number;
  /** Major page faults of the container's processes: pages read back from disk. */
  majorFaults: number;
}

/** Reads a container's memory cgroup, on cgroup v1 or v2. */
export class ContainerMemory {
  private constructor(
    private readonly dir: string,
    private readonly v2: boolean,
  ) {}

  static async of(containerId: string): Promise<ContainerMemory> {
    const pid = await docker(['inspect', '--format', '{{.State.Pid}}', containerId]);
    const lines = readFileSync(`/proc/${pid}/cgroup`, 'utf8').trim().split('\n');
    const v1 = lines.find((line) => line.split(':')[1]?.split(',').includes('memory'));
    if (v1) return new ContainerMemory(`/sys/fs/cgroup/memory${v1.split(':')[2]}`, false);
    const unified = lines.find((line) => line.startsWith('0::'));
    if (!unified) throw new Error(`no memory cgroup for container ${containerId}`);
    return new ContainerMemory(`/sys/fs/cgroup${unified.slice(3)}`, true);
  }

  /** The container's memory now, or undefined once it is gone (killed, or its task replaced). */
  read(): MemoryReading | undefined {
    if (!existsSync(this.dir)) return undefined;
    const stat = this.keyed('memory.stat');
    if (this.v2) {
      const max = this.file('memory.max');
      return {
        usageBytes: Number(this.file('memory.current')),
        limitBytes: max === 'max' ? Infinity : Number(max),
        limitHits: this.keyed('memory.events')['max'] ?? 0,
        majorFaults: stat['pgmajfault'] ?? 0,
      };
    }
    return {
      usageBytes: Number(this.file('memory.usage_in_bytes')),
      limitBytes: Number(this.file('memory.limit_in_bytes')),
      limitHits: Number(this.file('memory.failcnt')),
      majorFaults: stat['total_pgmajfault'] ?? 0,
    };
  }

  private file(name: string): string {
    return readFileSync(`${this.dir}/${name}`, 'utf8').trim();
  }

  private keyed(name: string): Record<string, number> {
    return Object.fromEntries(
      this.file(name)
        .split('\n')
        .map((line) => line.split(' '))
        .map(([key, value]) => [key, Number(value)]),
    );
  }
}
