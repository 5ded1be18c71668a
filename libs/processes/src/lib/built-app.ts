import { workspaceRoot } from '@nx/devkit';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port';

/** The services that start with a ready line (`Starting HTTP service at <port>`). */
export type AppName = 'accountservice' | 'quotes-service' | 'visualizer';

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

/** The start line, as the service logs it (a JSON line). */
const READY_LINE = /"msg":"Starting HTTP service at \d+"/;

/** Path of an app's production build, `dist/apps/<project>/main.js`, which must exist. */
export function builtMain(project: string): string {
  const main = join(workspaceRoot, 'dist', 'apps', project, 'main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run nx run ${project}:build first`);
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
  return spawnNode([builtMain(app)], env, { prefix });
}

export interface SpawnOptions {
  /**
   * A command that runs node in turn (for example `taskset -c 0`, which execs node, or
   * `unshare --pid --fork`, whose child node is).
   */
  prefix?: string[];
  /**
   * A file descriptor that takes its stdout and stderr instead of this process, for a server
   * whose output nobody reads (reading it would cost this process's core).
   */
  output?: number;
}

/**
 * Spawns node with these arguments in the workspace root, in production mode with the given
 * environment, without waiting.
 */
export function spawnNode(
  args: string[],
  env: Record<string, string>,
  { prefix = [], output: outputFd }: SpawnOptions = {},
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
