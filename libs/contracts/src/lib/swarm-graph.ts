/** What the visualizer's API sends to browsers: the swarm as a graph, without secrets. */
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
