import { ALL, detailsOf, nodeLabel, statusOf, toGraphView } from './graph-view-model';
import { GRAPH } from '../testing/swarm-graph.fixture';

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
    const filtered = (filter: string) => toGraphView(GRAPH, { ...ALL, filter });
    expect(filtered(' QUOTES ').vertices.map((v) => v.key)).toEqual([
      'node:n1',
      'node:n2',
      'service:s2',
      'task:t3',
    ]);
    expect(filtered('web').vertices).toHaveLength(7);
    expect(filtered('nothing').edges).toEqual([]);
  });

  it('leaves out the tasks that are not running when asked, keeping their service', () => {
    const view = toGraphView(GRAPH, { filter: '', runningOnly: true });
    expect(view.vertices.map((v) => v.key)).not.toContain('task:t2');
    expect(view.vertices.map((v) => v.key)).toContain('service:s1');
    expect(view.edges.map((e) => e.source)).not.toContain('task:t2');
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

  it('lists a node with its role, state, address, engine, resources and labels', () => {
    expect(detailsOf(GRAPH, 'node:n1')).toEqual({
      title: 'Node m1',
      rows: [
        ['role', 'manager (leader)'],
        ['state', 'ready'],
        ['availability', 'active'],
        ['address', '10.213.0.11'],
        ['engine', '26.1.5'],
        ['resources', '2 CPUs, 24.0 GiB'],
        ['labels', 'ssd, zone=a'],
        ['id', 'n1'],
      ],
    });
    expect(detailsOf(GRAPH, 'node:n2')?.rows).toContainEqual(['resources', '—']);
    expect(detailsOf(GRAPH, 'node:n2')?.rows).toContainEqual(['labels', '—']);
  });

  it('lists a service, and nothing for a vertex that has gone', () => {
    expect(detailsOf(GRAPH, 'service:s1')?.rows).toContainEqual(['replicas', '1 running of 2']);
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
