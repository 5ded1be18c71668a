import { workspaceRoot } from '@nx/devkit';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port';

export type AppName = 'accountservice' | 'quotes-service' | 'visualizer';
/** The apps and the load test tool, whose builds sit in dist/apps/<name>/main.js. */
export type BuiltProject = AppName | 'loadtest';

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface BuiltService {
  readonly process: ChildProcess;
  /** stdout and stderr so far. */
  readonly stdout: string;
  readonly stderr: string;
  readonly exited: Promise<Exit>;
  /** Sends the signal and waits for the process to exit. */
  stop(signal?: NodeJS.Signals): Promise<Exit>;
}

export interface RunningService extends BuiltService {
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
}

/**
 * The release tag that swarm-e2e's images target built and recorded in dist/release-tag: the
 * tests change tracked files (the screenshots in docs/), so the checkout's own tag may have moved.
 */
export function builtRelease(): string {
  return readFileSync(join(workspaceRoot, 'dist', 'release-tag'), 'utf8').trim();
}

/** The start line, as the service logs it (a JSON line). */
const READY_LINE = /"msg":"Starting HTTP service at \d+"/;

/** Path of a project's production build; the e2e targets depend on `<project>:build`. */
export function builtMain(app: BuiltProject): string {
  const main = join(workspaceRoot, 'dist', 'apps', app, 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run nx run ${app}:build first`);
  return main;
}

/**
 * Spawns the built app as a real process with the given environment, without waiting; `prefix`
 * as for spawnNode.
 */
export function spawnService(
  app: AppName,
  env: Record<string, string>,
  prefix: string[] = [],
): BuiltService {
  return spawnNode([builtMain(app)], env, prefix);
}

/**
 * Spawns node with these arguments in the workspace root, in production mode with the given
 * environment, without waiting. `prefix` runs it through another command first (for example
 * `taskset -c 0`, which execs node, or `unshare --pid --fork`, whose child node is).
 * `outputFd`, when given, takes its stdout and stderr instead of this process (a benchmark's
 * servers log every request, and reading that would load the load generator's core).
 */
export function spawnNode(
  args: string[],
  env: Record<string, string>,
  prefix: string[] = [],
  outputFd?: number,
): BuiltService {
  const [command, ...commandArgs] = [...prefix, process.execPath, ...args];
  const output = outputFd ?? 'pipe';
  const child = spawn(command, commandArgs, {
    cwd: workspaceRoot,
    env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'production', ...env },
    stdio: ['ignore', output, output],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // 'close', not 'exit': it comes after stdout and stderr have delivered their last chunk.
  const exited = new Promise<Exit>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  return {
    process: child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    exited,
    stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export interface StartOptions {
  timeoutMs?: number;
  /** A command that execs node in turn, as for spawnNode. */
  prefix?: string[];
}

/**
 * Spawns the built app, on a free port unless env sets PORT, and resolves once it prints its
 * ready line; rejects if it exits first.
 */
export async function startService(
  app: AppName,
  env: Record<string, string> = {},
  { timeoutMs = 10_000, prefix = [] }: StartOptions = {},
): Promise<RunningService> {
  const port = env['PORT'] ? Number(env['PORT']) : await freePort();
  const service = spawnService(app, { ...env, PORT: String(port) }, prefix);
  const deadline = Date.now() + timeoutMs;
  while (!READY_LINE.test(service.stdout)) {
    const exit = await Promise.race([service.exited, delay(20)]);
    if (exit || Date.now() > deadline) {
      await service.stop('SIGKILL');
      throw new Error(
        `${app} did not start (${exit ? `exit ${exit.code}` : 'timeout'}):\n${service.stdout}${service.stderr}`,
      );
    }
  }
  return Object.assign(service, { port, url: `http://127.0.0.1:${port}` });
}

function delay(ms: number): Promise<undefined> {
  return new Promise((resolve) => setTimeout(() => resolve(undefined), ms));
}
