/** CPU and memory of what the load is aimed at, read once. */
export interface FootprintReading {
  /** Percent of one core since the previous reading (200 = two cores busy). */
  cpuPercent: number;
  /** Resident memory of the process, or a container's memory as `docker stats` counts it. */
  memoryBytes: number;
}

/** A local process or a Docker container or Swarm service to watch while the load runs. */
export interface FootprintSource {
  /** e.g. "pid 4242" or "service landscape_accountservice". */
  readonly label: string;
  read(): Promise<FootprintReading>;
  close(): Promise<void>;
}
