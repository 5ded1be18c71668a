import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { waitFor } from './wait-for';

const run = promisify(execFile);

/** How often checks that call the docker CLI poll: each call spawns a process. */
export const DOCKER_POLL_MS = 500;

/**
 * Runs the docker CLI and returns its stdout; rejects with its stderr on a non-zero exit.
 * `input` goes to its stdin.
 */
export async function docker(
  args: string[],
  env: Record<string, string> = {},
  input?: string,
): Promise<string> {
  try {
    const running = run('docker', args, {
      env: { ...process.env, ...env },
      maxBuffer: 16 * 1024 * 1024,
    });
    if (input !== undefined) running.child.stdin?.end(input);
    const { stdout } = await running;
    return stdout.trim();
  } catch (error) {
    const { stderr, message } = error as { stderr?: string; message: string };
    throw new Error(`docker ${args.join(' ')} failed: ${stderr?.trim() || message}`);
  }
}

/**
 * A variable of a Swarm service's environment, as its stack file sets it; `env` picks the engine
 * (DOCKER_HOST), as for docker().
 */
export async function serviceEnv(
  service: string,
  name: string,
  env: Record<string, string> = {},
): Promise<string | undefined> {
  const entries = JSON.parse(
    await docker(
      ['service', 'inspect', '--format', '{{json .Spec.TaskTemplate.ContainerSpec.Env}}', service],
      env,
    ),
  ) as string[] | null;
  return entries?.find((entry) => entry.startsWith(`${name}=`))?.slice(name.length + 1);
}

/** A Swarm service's image as its spec names it, without the digest Swarm pins it to. */
export async function serviceImage(
  service: string,
  env: Record<string, string> = {},
): Promise<string> {
  const image = await docker(
    ['service', 'inspect', '--format', '{{.Spec.TaskTemplate.ContainerSpec.Image}}', service],
    env,
  );
  return image.split('@')[0];
}

export interface UpdateStatus {
  /** updating, paused, completed, rollback_started, rollback_paused, rollback_completed */
  State?: string;
  Message?: string;
}

/** Where a Swarm service's last update or rollback stands; {} when it never had one. */
export async function updateStatus(
  service: string,
  env: Record<string, string> = {},
): Promise<UpdateStatus> {
  const json = await docker(
    ['service', 'inspect', '--format', '{{json .UpdateStatus}}', service],
    env,
  );
  return json === 'null' ? {} : (JSON.parse(json) as UpdateStatus);
}

/** Waits until a Swarm service's update or rollback is in `state` (see UpdateStatus). */
export async function waitForUpdate(
  service: string,
  state: string,
  timeoutMs: number,
  env: Record<string, string> = {},
  pollMs = DOCKER_POLL_MS,
): Promise<void> {
  await waitFor(
    `${service}'s update to be ${state}`,
    timeoutMs,
    async () => (await updateStatus(service, env)).State === state,
    pollMs,
  );
}

/** Whether a Docker engine answers the docker CLI here. */
export function engineAvailable(): boolean {
  try {
    execFileSync('docker', ['info', '--format', '{{.Swarm.LocalNodeState}}'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}
