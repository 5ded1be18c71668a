import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

/** How the benchmark splits the machine: servers on one core, the load on another. */
export interface CorePlan {
  /** Command prefix that pins a server to its core, e.g. ['taskset', '-c', '0']; empty if none. */
  serverPrefix: string[];
  description: string;
}

/** Pins this process (the load) to core 1 and returns how to pin servers to core 0. */
export function pinCores(): CorePlan {
  if (availableParallelism() < 2) {
    return {
      serverPrefix: [],
      description: 'not pinned: fewer than 2 cores, numbers are not comparable',
    };
  }
  try {
    execFileSync('taskset', ['-cp', '1', String(process.pid)], { stdio: 'ignore' });
  } catch {
    return { serverPrefix: [], description: 'not pinned: taskset (util-linux) is missing' };
  }
  return {
    serverPrefix: ['taskset', '-c', '0'],
    description: 'servers on core 0, load on core 1 (taskset)',
  };
}
