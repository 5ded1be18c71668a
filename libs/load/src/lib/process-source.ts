import pidusage from 'pidusage';
import type { FootprintReading, FootprintSource } from './footprint-source';

/** A local process by pid, read through pidusage (procfs on Linux, ps elsewhere). */
export class ProcessSource implements FootprintSource {
  readonly label: string;

  constructor(private readonly pid: number) {
    this.label = `pid ${pid}`;
  }

  async read(): Promise<FootprintReading> {
    const stats = await pidusage(this.pid);
    return { cpuPercent: stats.cpu, memoryBytes: stats.memory };
  }

  async close(): Promise<void> {
    pidusage.clear();
  }
}
