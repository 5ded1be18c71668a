import {
  builtRelease,
  docker,
  engineAvailable,
  outputOf,
  workspaceScript,
} from '@landscape/testing';
import { workspaceRoot } from '@nx/devkit';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The nodes tools/cluster/up.sh starts by default. */
export const NODES = 3;

interface NodeLayout {
  name: string;
  address: string;
  socket: string;
}

/**
 * The cluster's layout, read from tools/cluster/cluster-env.sh, which the scripts that build it
 * source: its registry, and each node's name, address and engine socket.
 */
function readLayout(): { registry: string; nodes: NodeLayout[] } {
  const script = [
    'source tools/cluster/cluster-env.sh',
    'echo "$CLUSTER_REGISTRY"',
    `for n in $(seq ${NODES}); do echo "$(node_name $n) $(node_address $n) $(node_socket $n)"; done`,
  ].join('\n');
  const [registry, ...lines] = execFileSync('bash', ['-c', script], {
    cwd: workspaceRoot,
    encoding: 'utf8',
  })
    .trim()
    .split('\n');
  const nodes = lines.map((line) => {
    const [name, address, socket] = line.split(' ');
    return { name, address, socket };
  });
  return { registry, nodes };
}

const layout = readLayout();
const node = (n: number) => layout.nodes[n - 1];
export const nodeName = (n: number) => node(n).name;
export const nodeNumber = (hostname: string) =>
  layout.nodes.findIndex((candidate) => candidate.name === hostname) + 1;
export const nodeAddress = (n: number) => node(n).address;
export const REGISTRY = layout.registry;
export const nodeSocket = (n: number) => node(n).socket;

/** The release the images target built. */
export const RELEASE = builtRelease();

/** Root, and an engine on the host to build and push from: what up.sh needs. */
export function clusterAvailable(): boolean {
  return process.getuid?.() === 0 && engineAvailable();
}

/** Runs tools/cluster/<script>.sh; rejects with its output when it fails. */
export const clusterScript = (
  script: 'up' | 'down' | 'deploy' | 'node',
  args: string[] = [],
  env: Record<string, string> = {},
) => workspaceScript(`tools/cluster/${script}.sh`, args, env);

/** The docker CLI against node n's engine. */
export const onNode = (n: number, args: string[]) => docker(args, { DOCKER_HOST: nodeSocket(n) });

/** The engine of the cluster's manager, node 1, as docker() and its kin take it. */
export const MANAGER = { DOCKER_HOST: nodeSocket(1) };

/** The docker CLI against the cluster's manager. */
export const onManager = (args: string[]) => docker(args, MANAGER);

export interface ClusterNode {
  id: string;
  hostname: string;
  role: 'manager' | 'worker';
  state: string;
  availability: string;
}

export async function clusterNodes(): Promise<ClusterNode[]> {
  const ids = (await onManager(['node', 'ls', '-q'])).split('\n');
  const inspected = JSON.parse(await onManager(['node', 'inspect', ...ids])) as Array<{
    ID: string;
    Description: { Hostname: string };
    Spec: { Role: 'manager' | 'worker'; Availability: string };
    Status: { State: string };
  }>;
  return inspected.map((node) => ({
    id: node.ID,
    hostname: node.Description.Hostname,
    role: node.Spec.Role,
    state: node.Status.State,
    availability: node.Spec.Availability,
  }));
}

/** What is left of the cluster on this machine: each entry names a leftover. */
export async function clusterLeftovers(): Promise<string[]> {
  const lines = (text: string, pattern: RegExp) =>
    text.split('\n').filter((line) => pattern.test(line));
  return [
    ...lines(await outputOf('ip', ['netns', 'list']), /lscl-/).map((line) => `namespace ${line}`),
    ...lines(await outputOf('ip', ['-o', 'link', 'show']), /lscl/).map((line) => `link ${line}`),
    ...lines(await outputOf('iptables', ['-S', 'FORWARD']), /landscape-cluster/).map(
      (line) => `iptables ${line}`,
    ),
    ...lines(readFileSync('/proc/mounts', 'utf8'), /landscape-cluster/).map(
      (line) => `mount ${line}`,
    ),
    ...lines(await outputOf('pgrep', ['-af', 'landscape-cluster']), /\S/).map(
      (line) => `process ${line}`,
    ),
    ...lines(
      await outputOf('ls', ['-d', '/var/lib/landscape-cluster', `/etc/docker/certs.d/${REGISTRY}`]),
      /\S/,
    ).map((line) => `directory ${line}`),
  ];
}
