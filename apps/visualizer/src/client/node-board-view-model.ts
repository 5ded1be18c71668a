import type { SwarmGraph, SwarmTask, TaskPhase } from '@landscape/contracts';
import {
  isAvailable,
  nodeFacts,
  taskName,
  type ViewOptions,
  visibleParts,
} from './graph-view-model';

/**
 * The node view's pure part: one column per node with the node's facts and the tasks placed on
 * it, as the common Swarm visualizers show a cluster. node-board.ts draws it.
 */

export interface TaskCard {
  /** The details key, as in the graph view: `task:<id>`. */
  key: string;
  id: string;
  name: string;
  service: string;
  /** The image's last path segment and tag; the details panel has the whole reference. */
  image: string;
  state: string;
  phase: TaskPhase;
}

export interface NodeColumn {
  /** The details key, `node:<id>`, or `unassigned` for the tasks that have no node yet. */
  key: string;
  id: string | null;
  heading: string;
  available: boolean;
  facts: Array<[string, string]>;
  tasks: TaskCard[];
}

/** The nodes in the graph's order (by hostname), then a column for tasks not placed on a known node. */
export function toNodeBoard(graph: SwarmGraph, options: ViewOptions): NodeColumn[] {
  const { tasks } = visibleParts(graph, options);
  const names = new Map(graph.services.map((s) => [s.id, s.name]));
  const card = (task: SwarmTask): TaskCard => {
    const service = names.get(task.serviceId) ?? task.serviceId;
    return {
      key: `task:${task.id}`,
      id: task.id,
      name: taskName(service, task),
      service,
      image: task.image.slice(task.image.lastIndexOf('/') + 1),
      state: task.state,
      phase: task.phase,
    };
  };
  const byName = (a: TaskCard, b: TaskCard) => a.name.localeCompare(b.name);

  const columns: NodeColumn[] = graph.nodes.map((node) => ({
    key: `node:${node.id}`,
    id: node.id,
    heading: node.hostname,
    available: isAvailable(node),
    facts: nodeFacts(node),
    tasks: tasks
      .filter((task) => task.nodeId === node.id)
      .map(card)
      .sort(byName),
  }));
  const nodeIds = new Set(graph.nodes.map((node) => node.id));
  const unassigned = tasks.filter((task) => task.nodeId === null || !nodeIds.has(task.nodeId));
  if (unassigned.length > 0) {
    columns.push({
      key: 'unassigned',
      id: null,
      heading: 'no node yet',
      available: false,
      facts: [],
      tasks: unassigned.map(card).sort(byName),
    });
  }
  return columns;
}
