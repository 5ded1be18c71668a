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

/**
 * An object schema that names exactly T's properties. ajv's JSONSchemaType would check their
 * types too, but it reads `nullable` as optional, and the graph's nullable fields are required.
 */
interface ObjectSchemaOf<T> {
  type: 'object';
  properties: { readonly [K in keyof T]-?: object };
  required: readonly (keyof T)[];
  additionalProperties: false;
}

const text = { type: 'string' } as const;
const nullableText = { type: 'string', nullable: true } as const;
const nullableNumber = { type: 'number', nullable: true } as const;

const SWARM_NODE_JSON_SCHEMA = {
  type: 'object',
  properties: {
    id: text,
    hostname: text,
    role: { type: 'string', enum: ['manager', 'worker'] },
    availability: { type: 'string', enum: ['active', 'pause', 'drain'] },
    state: text,
    leader: { type: 'boolean' },
    address: nullableText,
    engineVersion: nullableText,
    cpus: nullableNumber,
    memoryBytes: nullableNumber,
    labels: { type: 'object', additionalProperties: text },
  },
  required: [
    'id',
    'hostname',
    'role',
    'availability',
    'state',
    'leader',
    'address',
    'engineVersion',
    'cpus',
    'memoryBytes',
    'labels',
  ],
  additionalProperties: false,
} as const satisfies ObjectSchemaOf<SwarmNode>;

const SWARM_SERVICE_JSON_SCHEMA = {
  type: 'object',
  properties: {
    id: text,
    name: text,
    stack: nullableText,
    image: text,
    mode: { type: 'string', enum: ['replicated', 'global'] },
    desiredReplicas: { type: 'integer', minimum: 0 },
    runningReplicas: { type: 'integer', minimum: 0 },
    createdAt: text,
  },
  required: [
    'id',
    'name',
    'stack',
    'image',
    'mode',
    'desiredReplicas',
    'runningReplicas',
    'createdAt',
  ],
  additionalProperties: false,
} as const satisfies ObjectSchemaOf<SwarmService>;

const SWARM_TASK_JSON_SCHEMA = {
  type: 'object',
  properties: {
    id: text,
    serviceId: text,
    nodeId: nullableText,
    slot: { type: 'integer', nullable: true },
    state: text,
    phase: { type: 'string', enum: ['running', 'starting', 'stopped'] },
    desiredState: text,
    message: text,
    error: nullableText,
    image: text,
    createdAt: text,
  },
  required: [
    'id',
    'serviceId',
    'nodeId',
    'slot',
    'state',
    'phase',
    'desiredState',
    'message',
    'error',
    'image',
    'createdAt',
  ],
  additionalProperties: false,
} as const satisfies ObjectSchemaOf<SwarmTask>;

const SWARM_NETWORK_JSON_SCHEMA = {
  type: 'object',
  properties: { id: text, name: text, driver: text },
  required: ['id', 'name', 'driver'],
  additionalProperties: false,
} as const satisfies ObjectSchemaOf<SwarmNetwork>;

/** The JSON schema of a SwarmGraph, as the visualizer's OpenAPI document states it. */
export const SWARM_GRAPH_JSON_SCHEMA = {
  type: 'object',
  properties: {
    nodes: { type: 'array', items: SWARM_NODE_JSON_SCHEMA },
    services: { type: 'array', items: SWARM_SERVICE_JSON_SCHEMA },
    tasks: { type: 'array', items: SWARM_TASK_JSON_SCHEMA },
    networks: { type: 'array', items: SWARM_NETWORK_JSON_SCHEMA },
  },
  required: ['nodes', 'services', 'tasks', 'networks'],
  additionalProperties: false,
} as const satisfies ObjectSchemaOf<SwarmGraph>;
