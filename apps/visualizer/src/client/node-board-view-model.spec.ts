import { ALL } from './graph-view-model';
import { toNodeBoard } from './node-board-view-model';
import { GRAPH } from '../testing/swarm-graph.fixture';

describe('toNodeBoard', () => {
  it('puts every task under its node, and the ones without a node in a last column', () => {
    const board = toNodeBoard(GRAPH, ALL);
    expect(board.map((column) => [column.key, column.tasks.map((task) => task.name)])).toEqual([
      ['node:n1', ['web_accountservice.1']],
      ['node:n2', ['web_quotes-service.3']],
      ['unassigned', ['web_accountservice.2']],
    ]);
    expect(board[2]).toMatchObject({ id: null, heading: 'no node yet', available: false });
  });

  it('heads a column with the node and its facts, and marks a node that takes no tasks', () => {
    const [manager, worker] = toNodeBoard(GRAPH, ALL);
    expect(manager).toMatchObject({ heading: 'm1', available: true });
    expect(manager.facts).toContainEqual(['engine', '26.1.5']);
    expect(manager.facts).toContainEqual(['resources', '2 CPUs, 24.0 GiB']);
    expect(manager.facts).toContainEqual(['labels', 'ssd, zone=a']);
    expect(worker).toMatchObject({ heading: 'w1', available: false });
    expect(worker.facts).toContainEqual(['availability', 'drain']);
  });

  it('describes a task by its service, slot, image, state and phase', () => {
    expect(toNodeBoard(GRAPH, ALL)[2].tasks).toEqual([
      {
        key: 'task:t2',
        id: 't2',
        name: 'web_accountservice.2',
        service: 'web_accountservice',
        image: 'app:1',
        state: 'preparing',
        phase: 'starting',
      },
    ]);
  });

  it('shows running tasks only when asked, and drops the empty column of tasks without a node', () => {
    const board = toNodeBoard(GRAPH, { filter: '', runningOnly: true });
    expect(board.map((column) => column.key)).toEqual(['node:n1', 'node:n2']);
    expect(board.flatMap((column) => column.tasks.map((task) => task.phase))).toEqual([
      'running',
      'running',
    ]);
  });

  it('keeps every node when the filter leaves out services, and files a task on an unknown node as unassigned', () => {
    const board = toNodeBoard(
      { ...GRAPH, tasks: GRAPH.tasks.map((task) => ({ ...task, nodeId: task.nodeId && 'gone' })) },
      { filter: 'quotes', runningOnly: false },
    );
    expect(board.map((column) => [column.key, column.tasks.map((task) => task.id)])).toEqual([
      ['node:n1', []],
      ['node:n2', []],
      ['unassigned', ['t3']],
    ]);
  });
});
