import { workspaceRoot } from '@nx/devkit';
import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs the docker CLI and returns its stdout; rejects with its stderr on a non-zero exit. */
export async function docker(args: string[], env: Record<string, string> = {}): Promise<string> {
  try {
    const { stdout } = await run('docker', args, {
      env: { ...process.env, ...env },
      maxBuffer: 16 * 1024 * 1024,
    });
    return stdout.trim();
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(`docker ${args.join(' ')} failed: ${stderr?.trim() || message}`);
  }
}

export function engineAvailable(): boolean {
  try {
    execFileSync('docker', ['info', '--format', '{{.Swarm.LocalNodeState}}'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

export const STACK_FILE = join(workspaceRoot, 'deploy', 'docker-stack.yml');

export async function deployStack(stack: string, env: Record<string, string>): Promise<void> {
  await docker(['stack', 'deploy', '--compose-file', STACK_FILE, stack], env);
}

/** Removes the stack and waits until its containers and network are gone. */
export async function removeStack(stack: string): Promise<void> {
  await docker(['stack', 'rm', stack]);
  await waitFor(`stack ${stack} to be removed`, 60_000, async () => {
    const containers = await docker([
      'ps',
      '-aq',
      '--filter',
      `label=com.docker.stack.namespace=${stack}`,
    ]);
    const networks = await docker([
      'network',
      'ls',
      '-q',
      '--filter',
      `label=com.docker.stack.namespace=${stack}`,
    ]);
    return containers === '' && networks === '';
  });
}

export async function scaleService(service: string, replicas: number): Promise<void> {
  await docker(['service', 'scale', '--detach', `${service}=${replicas}`]);
}

export interface TaskContainer {
  id: string;
  hostname: string;
  /** IPv4 addresses by network name. */
  addresses: Record<string, string>;
  health: string;
}

/** The running containers of a Swarm service, with their addresses and health. */
export async function serviceContainers(service: string): Promise<TaskContainer[]> {
  const ids = await docker([
    'ps',
    '-q',
    '--filter',
    `label=com.docker.swarm.service.name=${service}`,
    '--filter',
    'status=running',
  ]);
  if (ids === '') return [];
  const inspected = JSON.parse(await docker(['inspect', ...ids.split('\n')])) as Array<{
    Id: string;
    Config: { Hostname: string };
    State: { Health?: { Status: string } };
    NetworkSettings: { Networks: Record<string, { IPAddress: string }> };
  }>;
  return inspected.map((container) => ({
    id: container.Id,
    hostname: container.Config.Hostname,
    addresses: Object.fromEntries(
      Object.entries(container.NetworkSettings.Networks).map(([name, net]) => [
        name,
        net.IPAddress,
      ]),
    ),
    health: container.State.Health?.Status ?? 'none',
  }));
}

/** Waits until the service has exactly `replicas` running containers, all healthy. */
export async function waitForHealthy(service: string, replicas: number, timeoutMs = 90_000) {
  let containers: TaskContainer[] = [];
  await waitFor(`${service} to run ${replicas} healthy task(s)`, timeoutMs, async () => {
    containers = await serviceContainers(service);
    return containers.length === replicas && containers.every((c) => c.health === 'healthy');
  });
  return containers;
}

export interface Task {
  ID: string;
  Name: string;
  DesiredState: string;
  CurrentState: string;
  Error: string;
}

export async function serviceTasks(service: string): Promise<Task[]> {
  const lines = await docker(['service', 'ps', '--no-trunc', '--format', '{{json .}}', service]);
  return lines === '' ? [] : lines.split('\n').map((line) => JSON.parse(line) as Task);
}

export async function waitFor(
  what: string,
  timeoutMs: number,
  check: () => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      if (await check()) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`,
  );
}
