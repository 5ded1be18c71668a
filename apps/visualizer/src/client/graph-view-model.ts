import type {
  EngineStatus,
  SwarmGraph,
  SwarmNode,
  SwarmService,
  SwarmTask,
} from '@landscape/contracts';

/**
 * The page's pure part: what to draw for a SwarmGraph, with no DOM and no D3, so that it can be
 * unit-tested. graph-canvas.ts draws it; main.ts wires both to the event stream.
 */

export type Kind = 'node' | 'service' | 'task';

export interface VertexView {
  /** Stable across updates, so that a vertex keeps its place as the swarm changes. */
  key: string;
  kind: Kind;
  label: string;
  /** Tooltip. */
  title: string;
  /** Classes of the vertex's circle. */
  circleClass: string;
  /** data-* attributes, for styling and for tests. */
  data: { id: string; name?: string; service?: string; phase?: string };
}

export interface EdgeView {
  key: string;
  kind: 'membership' | 'placement';
  source: string;
  target: string;
}

export interface GraphView {
  vertices: VertexView[];
  edges: EdgeView[];
}

export interface Details {
  title: string;
  rows: Array<[string, string]>;
}

/** What the header's controls select: services by name or stack, and whether to show only running tasks. */
export interface ViewOptions {
  filter: string;
  runningOnly: boolean;
}

export const ALL: ViewOptions = { filter: '', runningOnly: false };

/** The services matching the filter, and their tasks (running ones only, if asked). */
export function visibleParts(
  graph: SwarmGraph,
  options: ViewOptions,
): { services: SwarmService[]; tasks: SwarmTask[] } {
  const wanted = options.filter.trim().toLowerCase();
  const services = graph.services.filter(
    (s) => !wanted || `${s.name} ${s.stack ?? ''}`.toLowerCase().includes(wanted),
  );
  const shown = new Set(services.map((s) => s.id));
  const tasks = graph.tasks.filter(
    (t) => shown.has(t.serviceId) && (!options.runningOnly || t.phase === 'running'),
  );
  return { services, tasks };
}

/** The vertices and edges to draw: every node, and the visible services with their tasks. */
export function toGraphView(graph: SwarmGraph, options: ViewOptions = ALL): GraphView {
  const { services, tasks } = visibleParts(graph, options);
  const nodeIds = new Set(graph.nodes.map((n) => n.id));
  const names = new Map(graph.services.map((s) => [s.id, s.name]));

  const vertices: VertexView[] = [
    ...graph.nodes.map((node): VertexView => {
      const label = nodeLabel(node);
      return {
        key: `node:${node.id}`,
        kind: 'node',
        label,
        title: label,
        circleClass: isAvailable(node) ? 'node' : 'node down',
        data: { id: node.id },
      };
    }),
    ...services.map((service): VertexView => {
      const label = `${service.name} ${service.runningReplicas}/${service.desiredReplicas}`;
      return {
        key: `service:${service.id}`,
        kind: 'service',
        label,
        title: label,
        circleClass: 'service',
        data: { id: service.id, name: service.name },
      };
    }),
    ...tasks.map((task): VertexView => {
      const service = names.get(task.serviceId) ?? task.serviceId;
      return {
        key: `task:${task.id}`,
        kind: 'task',
        label: '',
        title: `${taskName(service, task)}: ${task.state}`,
        circleClass: `task ${task.phase}`,
        data: { id: task.id, service, phase: task.phase },
      };
    }),
  ];

  const edges: EdgeView[] = tasks.flatMap((task) => {
    const own: EdgeView[] = [
      {
        key: `m:${task.id}`,
        kind: 'membership',
        source: `task:${task.id}`,
        target: `service:${task.serviceId}`,
      },
    ];
    if (task.nodeId && nodeIds.has(task.nodeId)) {
      own.push({
        key: `p:${task.id}`,
        kind: 'placement',
        source: `task:${task.id}`,
        target: `node:${task.nodeId}`,
      });
    }
    return own;
  });
  return { vertices, edges };
}

/** Ready and active: a node that takes tasks. */
export function isAvailable(node: SwarmNode): boolean {
  return node.state === 'ready' && node.availability === 'active';
}

/** `service.slot`, as `docker service ps` names a task; the short id for a global service's task. */
export function taskName(service: string, task: SwarmTask): string {
  return `${service}.${task.slot ?? task.id.slice(0, 12)}`;
}

export function nodeLabel(node: SwarmNode): string {
  const state = node.state === 'ready' ? '' : ` (${node.state})`;
  const availability = node.availability === 'active' ? '' : ` [${node.availability}]`;
  return `${node.hostname} · ${node.role}${node.leader ? ', leader' : ''}${state}${availability}`;
}

/** The details panel of the vertex with this key, or undefined when it is no longer there. */
export function detailsOf(graph: SwarmGraph, key: string): Details | undefined {
  const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
  if (kind === 'node') {
    const node = graph.nodes.find((n) => n.id === id);
    return node && nodeDetails(node);
  }
  if (kind === 'service') {
    const service = graph.services.find((s) => s.id === id);
    return service && serviceDetails(service);
  }
  const task = graph.tasks.find((t) => t.id === id);
  return task && taskDetails(graph, task);
}

function nodeDetails(node: SwarmNode): Details {
  return { title: `Node ${node.hostname}`, rows: [...nodeFacts(node), ['id', node.id]] };
}

/** What the node view and the details panel say of a node. */
export function nodeFacts(node: SwarmNode): Array<[string, string]> {
  const resources = [
    node.cpus === null ? null : `${node.cpus} CPU${node.cpus === 1 ? '' : 's'}`,
    node.memoryBytes === null ? null : `${(node.memoryBytes / 2 ** 30).toFixed(1)} GiB`,
  ].filter((part) => part !== null);
  const labels = Object.entries(node.labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => (value === '' ? key : `${key}=${value}`));
  return [
    ['role', node.role + (node.leader ? ' (leader)' : '')],
    ['state', node.state],
    ['availability', node.availability],
    ['address', node.address ?? '—'],
    ['engine', node.engineVersion ?? '—'],
    ['resources', resources.join(', ') || '—'],
    ['labels', labels.join(', ') || '—'],
  ];
}

function serviceDetails(service: SwarmService): Details {
  return {
    title: `Service ${service.name}`,
    rows: [
      ['stack', service.stack ?? '—'],
      ['image', service.image],
      ['mode', service.mode],
      ['replicas', `${service.runningReplicas} running of ${service.desiredReplicas}`],
      ['created', service.createdAt],
    ],
  };
}

function taskDetails(graph: SwarmGraph, task: SwarmTask): Details {
  const service = graph.services.find((s) => s.id === task.serviceId)?.name ?? task.serviceId;
  const node = graph.nodes.find((n) => n.id === task.nodeId)?.hostname ?? task.nodeId ?? '—';
  return {
    title: `Task ${taskName(service, task)}`,
    rows: [
      ['image', task.image],
      ['state', `${task.state} (desired: ${task.desiredState})`],
      ['message', task.message || '—'],
      ['error', task.error ?? '—'],
      ['node', node],
      ['created', task.createdAt],
      ['id', task.id],
    ],
  };
}

export interface StatusView {
  state: 'connecting' | 'live' | 'stale' | 'offline';
  text: string;
}

/** The header's status: live while the engine answers, stale (and since when) while it does not. */
export function statusOf(
  engine: EngineStatus | undefined,
  graph: SwarmGraph | undefined,
  connected: boolean,
): StatusView {
  if (!connected) return { state: 'offline', text: 'reconnecting…' };
  if (!engine || !graph) {
    if (engine && !engine.answering) {
      return { state: 'stale', text: `engine not answering since ${clock(engine.since)}` };
    }
    return { state: 'connecting', text: 'connecting…' };
  }
  const counts = `${graph.nodes.length} nodes, ${graph.services.length} services, ${graph.tasks.length} tasks`;
  if (!engine.answering) {
    return {
      state: 'stale',
      text: `engine not answering since ${clock(engine.since)} · last known: ${counts}`,
    };
  }
  return { state: 'live', text: `live · ${counts}` };
}

/** An ISO time as the time of day, in UTC so that the page reads the same everywhere. */
function clock(iso: string): string {
  return `${iso.slice(11, 19)} UTC`;
}
