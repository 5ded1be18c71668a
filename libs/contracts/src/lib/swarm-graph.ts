/**
 * The visualizer's `GET /api/graph` and the `graph` event of `GET /api/events`: the swarm as a
 * graph, copied field by field from the Docker API so that no secret or environment leaves.
 */
export interface SwarmGraph {
  nodes: SwarmNode[];
  services: SwarmService[];
  tasks: SwarmTask[];
  networks: SwarmNetwork[];
}

export interface SwarmNode {
  id: string;
  hostname: string;
  role: 'manager' | 'worker';
  availability: 'active' | 'pause' | 'drain';
  /** ready, down, unknown or disconnected. */
  state: string;
  leader: boolean;
  /** The address the node advertises to the swarm. */
  address: string | null;
  engineVersion: string | null;
  cpus: number | null;
  memoryBytes: number | null;
  /** The operator's node labels (`docker node update --label-add`), used in placement constraints. */
  labels: Record<string, string>;
}

export interface SwarmService {
  id: string;
  name: string;
  /** The stack that deployed it, from the com.docker.stack.namespace label. */
  stack: string | null;
  image: string;
  mode: 'replicated' | 'global';
  desiredReplicas: number;
  runningReplicas: number;
  createdAt: string;
}

/** How a task is coloured. */
export type TaskPhase = 'running' | 'starting' | 'stopped';

export interface SwarmTask {
  id: string;
  serviceId: string;
  nodeId: string | null;
  slot: number | null;
  state: string;
  phase: TaskPhase;
  desiredState: string;
  message: string;
  error: string | null;
  image: string;
  createdAt: string;
}

export interface SwarmNetwork {
  id: string;
  name: string;
  driver: string;
}

/**
 * The `engine` event of `GET /api/events`: whether the visualizer's last read of the Docker
 * engine succeeded, since when, and if not, why. While it does not answer, the graph is stale.
 */
export type EngineStatus =
  | { answering: true; since: string }
  | { answering: false; since: string; reason: string };

/** The event names of `GET /api/events` (server-sent events). */
export const SWARM_EVENTS = { graph: 'graph', engine: 'engine' } as const;
