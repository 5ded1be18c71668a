import { docker, DOCKER_POLL_MS } from './docker-cli';
import { waitFor } from './wait-for';

export interface RunningTask {
  id: string;
  /** The hostname of the node that runs it. */
  node: string;
  containerId: string;
  /** Its addresses on the stack's networks, without the prefix length. */
  addresses: string[];
}

/**
 * The tasks of a Swarm service that run now, with their node, container and addresses; `env`
 * picks a manager's engine (DOCKER_HOST), as for docker().
 */
export async function runningTasks(
  service: string,
  env: Record<string, string> = {},
): Promise<RunningTask[]> {
  const ids = await docker(
    ['service', 'ps', '-q', '--filter', 'desired-state=running', service],
    env,
  );
  if (ids === '') return [];
  const nodes = new Map(
    (await docker(['node', 'ls', '--format', '{{.ID}} {{.Hostname}}'], env))
      .split('\n')
      .map((line) => line.split(' ') as [string, string]),
  );
  const tasks = JSON.parse(await docker(['inspect', ...ids.split('\n')], env)) as Array<{
    ID: string;
    NodeID: string;
    Status: { State: string; ContainerStatus?: { ContainerID?: string } };
    NetworksAttachments?: Array<{ Addresses: string[] }>;
  }>;
  return tasks
    .filter((task) => task.Status.State === 'running')
    .map((task) => ({
      id: task.ID,
      node: nodes.get(task.NodeID) ?? task.NodeID,
      containerId: task.Status.ContainerStatus?.ContainerID ?? '',
      addresses: (task.NetworksAttachments ?? []).flatMap((network) =>
        network.Addresses.map((address) => address.split('/')[0]),
      ),
    }));
}

/** Every task a Swarm service has had, newest first: `name state error`. */
export async function taskHistory(
  service: string,
  env: Record<string, string> = {},
): Promise<string[]> {
  const lines = await docker(
    ['service', 'ps', '--no-trunc', '--format', '{{.Name}} {{.CurrentState}} {{.Error}}', service],
    env,
  );
  return lines.split('\n');
}

/**
 * Waits until a Swarm service runs exactly `replicas` tasks, and resolves with them; on a
 * timeout the error lists the service's tasks, which say why.
 */
export async function waitForRunning(
  service: string,
  replicas: number,
  timeoutMs: number,
  env: Record<string, string> = {},
  pollMs = DOCKER_POLL_MS,
): Promise<RunningTask[]> {
  let tasks: RunningTask[] = [];
  try {
    await waitFor(
      `${service} to run ${replicas} task(s)`,
      timeoutMs,
      async () => (tasks = await runningTasks(service, env)).length === replicas,
      pollMs,
    );
  } catch (error) {
    const history = await taskHistory(service, env).catch((reason: Error) => [reason.message]);
    throw new Error(`${(error as Error).message}; its tasks:\n${history.join('\n')}`);
  }
  return tasks;
}
