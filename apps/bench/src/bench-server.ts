import { spawnNode } from '@landscape/processes';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
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

/**
 * Spawns a server pinned by `prefix`, its output to a file in `logDir`, times it to its first
 * 200, and reads its RSS after start.
 */
export async function startBenchServer(
  spec: ServerSpec,
  prefix: string[],
  logDir: string,
): Promise<BenchServer> {
  const url = `http://127.0.0.1:${spec.port}`;
  mkdirSync(logDir, { recursive: true });
  const log = openSync(join(logDir, `${spec.label.replace(/\W+/g, '-')}.log`), 'w');
  const spawnedAt = performance.now();
  const server = spawnNode(
    spec.args,
    { ...spec.env, PORT: String(spec.port) },
    { prefix, output: log },
  );
  closeSync(log);
  const deadline = spawnedAt + 15_000;
  while (!(await answersOk(`${url}${spec.readyPath}`))) {
    if (server.process.exitCode !== null || performance.now() > deadline) {
      await server.stop('SIGKILL');
      throw new Error(`${spec.label} did not answer 200 on ${spec.readyPath}: see ${logDir}`);
    }
    await sleep(2);
  }
  const firstOkMs = performance.now() - spawnedAt;
  await sleep(1000);
  // taskset execs node, so the child's pid is node's own
  const pid = server.process.pid as number;
  const rssAfterStartMiB = (await pidusage(pid)).memory / MiB;
  const stop = async () => {
    const kill = setTimeout(() => server.process.kill('SIGKILL'), 5_000);
    await server.stop();
    clearTimeout(kill);
  };
  return { pid, url, firstOkMs, rssAfterStartMiB, stop };
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
