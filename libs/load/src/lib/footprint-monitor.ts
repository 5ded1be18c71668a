import type { FootprintSource } from './footprint-source';

/** One source's readings, a point per second of the run. */
export interface FootprintSeries {
  label: string;
  /** Seconds since the start of the run. */
  seconds: number[];
  cpuPercent: number[];
  memoryMiB: number[];
  /** The first reading, taken before the load starts. */
  memoryBeforeMiB: number;
  cpuMeanPercent: number;
  cpuMaxPercent: number;
  memoryMaxMiB: number;
  /** Set when a reading failed, e.g. the process exited. */
  error?: string;
}

const MiB = 1024 * 1024;

/** Reads each source once before the load and then once per interval. */
export class FootprintMonitor {
  private readonly series: FootprintSeries[];

  constructor(private readonly sources: FootprintSource[]) {
    this.series = sources.map((source) => ({
      label: source.label,
      seconds: [],
      cpuPercent: [],
      memoryMiB: [],
      memoryBeforeMiB: 0,
      cpuMeanPercent: 0,
      cpuMaxPercent: 0,
      memoryMaxMiB: 0,
    }));
  }

  /** Takes the baseline reading; a source that cannot be read stops the run before it starts. */
  async start(): Promise<void> {
    await Promise.all(
      this.sources.map(async (source, index) => {
        const reading = await source.read();
        this.series[index].memoryBeforeMiB = reading.memoryBytes / MiB;
      }),
    );
  }

  async sample(second: number): Promise<void> {
    await Promise.all(
      this.sources.map(async (source, index) => {
        const series = this.series[index];
        if (series.error) return;
        try {
          const reading = await source.read();
          series.seconds.push(second);
          series.cpuPercent.push(reading.cpuPercent);
          series.memoryMiB.push(reading.memoryBytes / MiB);
        } catch (error) {
          series.error = (error as Error).message;
        }
      }),
    );
  }

  /** The latest reading of each source, for the progress line. */
  latest(): { label: string; cpuPercent: number; memoryMiB: number }[] {
    return this.series
      .filter((series) => series.seconds.length > 0)
      .map((series) => ({
        label: series.label,
        cpuPercent: series.cpuPercent[series.cpuPercent.length - 1],
        memoryMiB: series.memoryMiB[series.memoryMiB.length - 1],
      }));
  }

  async finish(): Promise<FootprintSeries[]> {
    await Promise.all(this.sources.map((source) => source.close()));
    return this.series.map((series) => ({
      ...series,
      cpuMeanPercent: mean(series.cpuPercent),
      cpuMaxPercent: Math.max(0, ...series.cpuPercent),
      memoryMaxMiB: Math.max(series.memoryBeforeMiB, ...series.memoryMiB),
    }));
  }
}

function mean(values: number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}
