import type { SwarmGraph, SwarmTask } from '@landscape/contracts';
import { detailsOf, nodeLabel, statusOf, toGraphView } from './graph-view-model';

const task = (
  id: string,
  serviceId: string,
  nodeId: string | null,
  phase: SwarmTask['phase'],
): SwarmTask => ({
  id,
  serviceId,
  nodeId,
  slot: Number(id.slice(-1)),
  state: phase === 'running' ? 'running' : 'preparing',
  phase,
  desiredState: 'running',
  message: '',
  error: null,
  image: 'someprefix/app:1',
  createdAt: '2026-11-26T10:00:00Z',
});

const GRAPH: SwarmGraph = {
  nodes: [
    {
      id: 'n1',
      hostname: 'm1',
      role: 'manager',
      availability: 'active',
      state: 'ready',
      leader: true,
    },
    {
      id: 'n2',
      hostname: 'w1',
      role: 'worker',
      availability: 'drain',
      state: 'down',
      leader: false,
    },
  ],
  services: [
    {
      id: 's1',
      name: 'web_accountservice',
      stack: 'web',
      image: 'someprefix/accountservice:1',
      mode: 'replicated',
      desiredReplicas: 2,
      runningReplicas: 1,
      createdAt: '2026-11-26T10:00:00Z',
    },
    {
      id: 's2',
      name: 'web_quotes-service',
      stack: 'web',
      image: 'someprefix/quotes-service:1',
      mode: 'replicated',
      desiredReplicas: 1,
      runningReplicas: 1,
      createdAt: '2026-11-26T10:00:00Z',
    },
  ],
  tasks: [
    task('t1', 's1', 'n1', 'running'),
    task('t2', 's1', null, 'starting'),
    task('t3', 's2', 'n2', 'running'),
  ],
  networks: [],
};

describe('toGraphView', () => {
  it('draws every node, service and task, with membership and placement edges', () => {
    const view = toGraphView(GRAPH);
    expect(view.vertices.map((v) => v.key)).toEqual([
      'node:n1',
      'node:n2',
      'service:s1',
      'service:s2',
      'task:t1',
      'task:t2',
      'task:t3',
    ]);
    expect(view.edges.map((e) => `${e.source}→${e.target}`)).toEqual([
      'task:t1→service:s1',
      'task:t1→node:n1',
      'task:t2→service:s1', // not placed yet: no placement edge
      'task:t3→service:s2',
      'task:t3→node:n2',
    ]);
  });

  it('labels services with running/desired and colours tasks by phase and nodes by state', () => {
    const byKey = new Map(toGraphView(GRAPH).vertices.map((v) => [v.key, v]));
    expect(byKey.get('service:s1')?.label).toBe('web_accountservice 1/2');
    expect(byKey.get('task:t2')).toMatchObject({
      circleClass: 'task starting',
      title: 'web_accountservice.2: preparing',
      data: { id: 't2', service: 'web_accountservice', phase: 'starting' },
    });
    expect(byKey.get('node:n1')?.circleClass).toBe('node');
    expect(byKey.get('node:n2')?.circleClass).toBe('node down');
  });

  it('filters services and their tasks by service or stack name, case-insensitively, keeping the nodes', () => {
    expect(toGraphView(GRAPH, ' QUOTES ').vertices.map((v) => v.key)).toEqual([
      'node:n1',
      'node:n2',
      'service:s2',
      'task:t3',
    ]);
    expect(toGraphView(GRAPH, 'web').vertices).toHaveLength(7);
    expect(toGraphView(GRAPH, 'nothing').edges).toEqual([]);
  });
});

describe('nodeLabel', () => {
  it('names role, leadership, and a state or availability that is not the usual', () => {
    expect(nodeLabel(GRAPH.nodes[0])).toBe('m1 · manager, leader');
    expect(nodeLabel(GRAPH.nodes[1])).toBe('w1 · worker (down) [drain]');
  });
});

describe('detailsOf', () => {
  it('lists a task with its service and node names', () => {
    expect(detailsOf(GRAPH, 'task:t3')).toEqual({
      title: 'Task web_quotes-service.3',
      rows: [
        ['image', 'someprefix/app:1'],
        ['state', 'running (desired: running)'],
        ['message', '—'],
        ['error', '—'],
        ['node', 'w1'],
        ['created', '2026-11-26T10:00:00Z'],
        ['id', 't3'],
      ],
    });
  });

  it('lists a service and a node, and nothing for a vertex that has gone', () => {
    expect(detailsOf(GRAPH, 'service:s1')?.rows).toContainEqual(['replicas', '1 running of 2']);
    expect(detailsOf(GRAPH, 'node:n1')?.rows).toContainEqual(['role', 'manager (leader)']);
    expect(detailsOf(GRAPH, 'task:gone')).toBeUndefined();
  });
});

describe('statusOf', () => {
  const since = '2026-11-26T10:11:12.000Z';

  it('is live with the counts while the engine answers', () => {
    expect(statusOf({ answering: true, since }, GRAPH, true)).toEqual({
      state: 'live',
      text: 'live · 2 nodes, 2 services, 3 tasks',
    });
  });

  it('is stale, saying since when, while the engine does not answer', () => {
    expect(statusOf({ answering: false, since, reason: 'timeout' }, GRAPH, true)).toEqual({
      state: 'stale',
      text: 'engine not answering since 10:11:12 UTC · last known: 2 nodes, 2 services, 3 tasks',
    });
    expect(statusOf({ answering: false, since, reason: 'timeout' }, undefined, true).state).toBe(
      'stale',
    );
  });

  it('is offline while the event stream reconnects, and connecting before anything arrived', () => {
    expect(statusOf({ answering: true, since }, GRAPH, false).state).toBe('offline');
    expect(statusOf(undefined, undefined, true).state).toBe('connecting');
  });
});
