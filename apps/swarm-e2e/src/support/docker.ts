import { docker, DOCKER_POLL_MS, waitFor } from '@landscape/testing';
import { workspaceRoot } from '@nx/devkit';
import { join } from 'node:path';

export const STACK_FILE = join(workspaceRoot, 'deploy', 'docker-stack.yml');
export const SOCKET_PROXY_FILE = join(workspaceRoot, 'deploy', 'docker-stack.socket-proxy.yml');
export const MONITORING_FILE = join(workspaceRoot, 'deploy', 'docker-stack.monitoring.yml');
export const ALERTS_FILE = join(workspaceRoot, 'deploy', 'alerts.yml');

/** `docker stack deploy` of these compose files, the stack file by default. */
export async function deployStack(
  stack: string,
  env: Record<string, string>,
  files: string[] = [STACK_FILE],
): Promise<void> {
  const composeFiles = files.flatMap((file) => ['--compose-file', file]);
  await docker(['stack', 'deploy', ...composeFiles, stack], env);
}

/**
 * Removes the stack and waits until its services, containers and networks are gone.
 * `docker stack rm` removes the networks right after the services, while their tasks may still
 * hold them ("network … is in use by task …"), and then fails with the network left behind; it is
 * asked again on each poll until nothing of the stack is left.
 */
export async function removeStack(stack: string): Promise<void> {
  const label = `label=com.docker.stack.namespace=${stack}`;
  await waitFor(
    `stack ${stack} to be removed`,
    60_000,
    async () => {
      const left = await Promise.all([
        docker(['service', 'ls', '-q', '--filter', label]),
        docker(['ps', '-aq', '--filter', label]),
        docker(['network', 'ls', '-q', '--filter', label]),
      ]);
      if (left.every((ids) => ids === '')) return true;
      await docker(['stack', 'rm', stack]);
      return false;
    },
    DOCKER_POLL_MS,
  );
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
  await waitFor(
    `${service} to run ${replicas} healthy task(s)`,
    timeoutMs,
    async () => {
      containers = await serviceContainers(service);
      return containers.length === replicas && containers.every((c) => c.health === 'healthy');
    },
    DOCKER_POLL_MS,
  );
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

/**
 * A task's address on docker_gwbridge, the bridge through which a Swarm task reaches the host
 * and the host reaches it, whether or not its service publishes a port.
 */
export async function gatewayAddress(containerId: string): Promise<string> {
  const containers = JSON.parse(
    await docker(['network', 'inspect', '--format', '{{json .Containers}}', 'docker_gwbridge']),
  ) as Record<string, { IPv4Address: string }>;
  const endpoint = containers[containerId];
  if (!endpoint) throw new Error(`container ${containerId} is not on docker_gwbridge`);
  return endpoint.IPv4Address.split('/')[0];
}
