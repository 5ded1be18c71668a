import type {
  SwarmGraph,
  SwarmNetwork,
  SwarmNode,
  SwarmService,
  SwarmTask,
  TaskPhase,
} from '@landscape/contracts';

/**
 * The parts of the Docker Engine API's objects that the graph reads. The API returns much more,
 * environment variables and secret references among it; the mapping copies only these fields.
 */
export interface DockerNode {
  ID: string;
  Description?: {
    Hostname?: string;
    Engine?: { EngineVersion?: string };
    Resources?: { NanoCPUs?: number; MemoryBytes?: number };
  };
  Spec?: { Role?: string; Availability?: string; Labels?: Record<string, string> };
  Status?: { State?: string; Addr?: string };
  ManagerStatus?: { Leader?: boolean };
}

export interface DockerService {
  ID: string;
  CreatedAt?: string;
  Spec?: {
    Name?: string;
    Labels?: Record<string, string>;
    Mode?: { Replicated?: { Replicas?: number }; Global?: object };
    TaskTemplate?: { ContainerSpec?: { Image?: string } };
  };
}

export interface DockerTask {
  ID: string;
  ServiceID: string;
  NodeID?: string;
  Slot?: number;
  CreatedAt?: string;
  DesiredState?: string;
  Spec?: { ContainerSpec?: { Image?: string } };
  Status?: { State?: string; Message?: string; Err?: string; Timestamp?: string };
}

export interface DockerNetwork {
  Id: string;
  Name: string;
  Driver?: string;
  Scope?: string;
}

export interface DockerSwarmState {
  nodes: DockerNode[];
  services: DockerService[];
  tasks: DockerTask[];
  networks: DockerNetwork[];
}

/** How long a failed task stays on the graph after it stopped, so that a crash is seen. */
export const FAILED_TASK_VISIBLE_MS = 60_000;

const STARTING_STATES = new Set([
  'new',
  'allocated',
  'pending',
  'assigned',
  'accepted',
  'preparing',
  'ready',
  'starting',
]);
const CURRENT_DESIRED_STATES = new Set(['running', 'ready', 'accepted']);
const FAILED_STATES = new Set(['failed', 'rejected', 'orphaned']);

export function taskPhase(state: string): TaskPhase {
  if (state === 'running') return 'running';
  return STARTING_STATES.has(state) ? 'starting' : 'stopped';
}

/** Drops the digest Swarm pins to the image reference: `name:tag@sha256:…` → `name:tag`. */
export function imageName(reference: string | undefined): string {
  return (reference ?? '').split('@')[0];
}

export function toSwarmGraph(state: DockerSwarmState, now = Date.now()): SwarmGraph {
  const nodes = state.nodes.map(toNode).sort(byKey('hostname'));
  const serviceIds = new Set(state.services.map((service) => service.ID));
  const tasks = state.tasks
    .filter((task) => serviceIds.has(task.ServiceID) && isShown(task, now))
    .map(toTask)
    .sort(byKey('id'));
  const readyNodes = nodes.filter((n) => n.state === 'ready' && n.availability === 'active');
  const services = state.services
    .map((service) => toService(service, tasks, readyNodes.length))
    .sort(byKey('name'));
  const networks = state.networks
    .filter((network) => network.Scope === 'swarm')
    .map(toNetwork)
    .sort(byKey('name'));
  return { nodes, services, tasks, networks };
}

function isShown(task: DockerTask, now: number): boolean {
  if (CURRENT_DESIRED_STATES.has(task.DesiredState ?? '')) return true;
  const stoppedAt = Date.parse(task.Status?.Timestamp ?? '');
  return FAILED_STATES.has(task.Status?.State ?? '') && now - stoppedAt < FAILED_TASK_VISIBLE_MS;
}

function toNode(node: DockerNode): SwarmNode {
  return {
    id: node.ID,
    hostname: node.Description?.Hostname ?? node.ID.slice(0, 12),
    role: node.Spec?.Role === 'manager' ? 'manager' : 'worker',
    availability: (node.Spec?.Availability ?? 'active') as SwarmNode['availability'],
    state: node.Status?.State ?? 'unknown',
    leader: node.ManagerStatus?.Leader === true,
    address: node.Status?.Addr ?? null,
    engineVersion: node.Description?.Engine?.EngineVersion ?? null,
    cpus: node.Description?.Resources?.NanoCPUs ? node.Description.Resources.NanoCPUs / 1e9 : null,
    memoryBytes: node.Description?.Resources?.MemoryBytes ?? null,
    labels: { ...node.Spec?.Labels },
  };
}

function toService(service: DockerService, tasks: SwarmTask[], readyNodes: number): SwarmService {
  const mode = service.Spec?.Mode?.Global ? 'global' : 'replicated';
  const own = tasks.filter((task) => task.serviceId === service.ID);
  return {
    id: service.ID,
    name: service.Spec?.Name ?? service.ID.slice(0, 12),
    stack: service.Spec?.Labels?.['com.docker.stack.namespace'] ?? null,
    image: imageName(service.Spec?.TaskTemplate?.ContainerSpec?.Image),
    mode,
    desiredReplicas:
      mode === 'global' ? readyNodes : (service.Spec?.Mode?.Replicated?.Replicas ?? 0),
    runningReplicas: own.filter((t) => t.state === 'running' && t.desiredState === 'running')
      .length,
    createdAt: service.CreatedAt ?? '',
  };
}

function toTask(task: DockerTask): SwarmTask {
  const state = task.Status?.State ?? 'unknown';
  return {
    id: task.ID,
    serviceId: task.ServiceID,
    nodeId: task.NodeID ?? null,
    slot: task.Slot ?? null,
    state,
    phase: taskPhase(state),
    desiredState: task.DesiredState ?? 'unknown',
    message: task.Status?.Message ?? '',
    error: task.Status?.Err ?? null,
    image: imageName(task.Spec?.ContainerSpec?.Image),
    createdAt: task.CreatedAt ?? '',
  };
}

function toNetwork(network: DockerNetwork): SwarmNetwork {
  return { id: network.Id, name: network.Name, driver: network.Driver ?? '' };
}

function byKey<T>(key: keyof T) {
  return (a: T, b: T) => String(a[key]).localeCompare(String(b[key]));
}
