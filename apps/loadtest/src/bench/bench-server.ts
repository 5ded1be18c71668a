import { type ChildProcess, spawn } from 'node:child_process';
import { request } from 'node:http';
import pidusage from 'pidusage';
import { setTimeout as sleep } from 'node:timers/promises';

export interface BenchServer {
  readonly pid: number;
  readonly url: string;
  /** Milliseconds from spawn to the first 200 answer to readyPath. */
  readonly firstOkMs: number;
  /** Resident memory 1 s after that first answer. */
  readonly rssAfterStartMiB: number;
  stop(): Promise<void>;
}

export interface ServerSpec {
  label: string;
  /** Arguments after `node`. */
  args: string[];
  env?: Record<string, string>;
  port: number;
  /** Polled until it answers 200. */
  readyPath: string;
}

const MiB = 1024 * 1024;

/** Spawns a server pinned by `prefix`, times it to its first 200, and reads its RSS after start. */
export async function startBenchServer(spec: ServerSpec, prefix: string[]): Promise<BenchServer> {
  const url = `http://127.0.0.1:${spec.port}`;
  const [command, ...args] = [...prefix, process.execPath, ...spec.args];
  const spawnedAt = performance.now();
  const child = spawn(command, args, {
    env: {
      PATH: process.env['PATH'] ?? '',
      NODE_ENV: 'production',
      ...spec.env,
      PORT: String(spec.port),
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const deadline = spawnedAt + 15_000;
  while (!(await answersOk(`${url}${spec.readyPath}`))) {
    if (child.exitCode !== null || performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${spec.label} did not answer 200 on ${spec.readyPath}:\n${stderr}`);
    }
    await sleep(2);
  }
  const firstOkMs = performance.now() - spawnedAt;
  await sleep(1000);
  const pid = serverPid(child);
  const rssAfterStartMiB = (await pidusage(pid)).memory / MiB;
  return { pid, url, firstOkMs, rssAfterStartMiB, stop: () => stop(child) };
}

/** The node process itself, also when taskset execs it (same pid). */
function serverPid(child: ChildProcess): number {
  if (child.pid === undefined) throw new Error('spawn failed');
  return child.pid;
}

function answersOk(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(url, { agent: false }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(1000, () => req.destroy());
    req.end();
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
  });
}
