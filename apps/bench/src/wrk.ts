import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export interface WrkPeak {
  requestsPerSecond: number;
  /** The server's CPU over the run, in % of one core. */
  serverCpuPercent: number;
}

/** Rotates the path over the 100 seeded account ids, as the load tool does. */
const ROTATE_IDS = `local i = 0
request = function()
  local path = "/accounts/" .. (10000 + i % 100)
  i = i + 1
  return wrk.format("GET", path)
end
`;

export async function wrkAvailable(): Promise<boolean> {
  return run('wrk', ['--version']).then(
    () => true,
    (error: { stdout?: string }) => /wrk/.test(error.stdout ?? ''), // wrk --version exits 1
  );
}

function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime
}

/**
 * Peak throughput measured by Debian's wrk (C, one thread on the load core), which saturates a
 * core of raw node:http where the JavaScript load generator does not.
 */
export async function wrkPeak(
  url: string,
  pid: number,
  { connections, durationS, dir }: { connections: number; durationS: number; dir: string },
): Promise<WrkPeak> {
  const script = join(dir, 'rotate-ids.lua');
  writeFileSync(script, ROTATE_IDS);
  const ticksBefore = cpuTicks(pid);
  const started = performance.now();
  const { stdout } = await run('wrk', [
    '-t1',
    `-c${connections}`,
    `-d${durationS}s`,
    '-s',
    script,
    `${url}/accounts/10000`,
  ]);
  const elapsedS = (performance.now() - started) / 1000;
  const cpu = ((cpuTicks(pid) - ticksBefore) / TICKS_PER_SECOND / elapsedS) * 100;
  const rps = /^Requests\/sec:\s+([\d.]+)/m.exec(stdout);
  if (!rps) throw new Error(`wrk printed no Requests/sec:\n${stdout}`);
  return { requestsPerSecond: Number(rps[1]), serverCpuPercent: cpu };
}
