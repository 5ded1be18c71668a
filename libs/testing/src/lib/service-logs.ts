import { execFileSync, spawnSync } from 'node:child_process';

/** One JSON log line of a service (pino). */
export interface LogLine {
  level: string;
  /** Epoch milliseconds, as pino writes it. */
  time: number;
  service: string;
  msg: string;
  [field: string]: unknown;
}

/** The JSON lines of a service's output, in order; anything else is left out. */
export function logLines(output: string): LogLine[] {
  return output.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line) as LogLine];
    } catch {
      return [];
    }
  });
}

/** Whether Prometheus's promtool is installed (the `promtool` targets install it). */
export function promtoolAvailable(): boolean {
  try {
    execFileSync('promtool', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** What `promtool check metrics` says of an exposition: empty when it has nothing to say. */
export function promtoolProblems(exposition: string): string {
  const checked = spawnSync('promtool', ['check', 'metrics'], {
    input: exposition,
    encoding: 'utf8',
  });
  return (
    `${checked.stdout}${checked.stderr}`.trim() +
    (checked.status === 0 ? '' : `\n(exit ${checked.status})`)
  );
}
