import {
  type DockerSwarmState,
  FAILED_TASK_VISIBLE_MS,
  imageName,
  taskPhase,
  toSwarmGraph,
} from './swarm-graph';

const NOW = Date.parse('2026-11-26T12:00:00Z');
const SECRET = 'hunter2-do-not-leak';

function state(): DockerSwarmState {
  return {
    nodes: [
      {
        ID: 'n1',
        Description: {
          Hostname: 'manager-1',
          Engine: { EngineVersion: '26.1.5' },
          Resources: { NanoCPUs: 2_000_000_000, MemoryBytes: 25_769_803_776 },
        },
        Spec: { Role: 'manager', Availability: 'active', Labels: { zone: 'a' } },
        Status: { State: 'ready', Addr: '10.213.0.11' },
        ManagerStatus: { Leader: true },
      },
      {
        ID: 'n2',
        Description: { Hostname: 'worker-1' },
        Spec: { Role: 'worker', Availability: 'drain' },
        Status: { State: 'down' },
      },
    ],
    services: [
      {
        ID: 's1',
        CreatedAt: '2026-11-26T11:00:00Z',
        Spec: {
          Name: 'landscape_quotes-service',
          Labels: { 'com.docker.stack.namespace': 'landscape' },
          Mode: { Replicated: { Replicas: 3 } },
          TaskTemplate: {
            ContainerSpec: {
              Image: 'someprefix/quotes-service:latest@sha256:abc',
              Env: [`DB_PASSWORD=${SECRET}`],
              Secrets: [{ SecretName: SECRET }],
            },
          },
        } as never,
      },
      { ID: 's2', Spec: { Name: 'agent', Mode: { Global: {} } } },
    ],
    tasks: [
      task('t1', 's1', 'running', 'running'),
      task('t2', 's1', 'preparing', 'running'),
      task('t3', 's1', 'failed', 'shutdown', { Err: 'task: non-zero exit (137)' }),
      task('t4', 's1', 'shutdown', 'shutdown'),
      task('t5', 's1', 'failed', 'shutdown', {}, NOW - FAILED_TASK_VISIBLE_MS - 1),
      task('t6', 'gone', 'running', 'running'),
      task('t7', 's2', 'running', 'running'),
    ],
    networks: [
      { Id: 'w1', Name: 'landscape_my_network', Driver: 'overlay', Scope: 'swarm' },
      { Id: 'w2', Name: 'bridge', Driver: 'bridge', Scope: 'local' },
    ],
  };
}

function task(
  id: string,
  serviceId: string,
  current: string,
  desired: string,
  status: { Err?: string } = {},
  timestamp = NOW - 1_000,
) {
  return {
    ID: id,
    ServiceID: serviceId,
    NodeID: 'n1',
    Slot: 1,
    CreatedAt: '2026-11-26T11:30:00Z',
    DesiredState: desired,
    Spec: {
      ContainerSpec: { Image: 'someprefix/quotes-service:latest@sha256:abc', Env: [`X=${SECRET}`] },
    },
    Status: {
      State: current,
      Message: current,
      Timestamp: new Date(timestamp).toISOString(),
      ...status,
    },
  } as never;
}

describe('toSwarmGraph', () => {
  const graph = toSwarmGraph(state(), NOW);

  it('maps nodes with role, availability, state, leadership, address, engine, resources and labels', () => {
    expect(graph.nodes).toEqual([
      {
        id: 'n1',
        hostname: 'manager-1',
        role: 'manager',
        availability: 'active',
        state: 'ready',
        leader: true,
        address: '10.213.0.11',
        engineVersion: '26.1.5',
        cpus: 2,
        memoryBytes: 25_769_803_776,
        labels: { zone: 'a' },
      },
      {
        id: 'n2',
        hostname: 'worker-1',
        role: 'worker',
        availability: 'drain',
        state: 'down',
        leader: false,
        address: null,
        engineVersion: null,
        cpus: null,
        memoryBytes: null,
        labels: {},
      },
    ]);
  });

  it('maps services with their stack, image without digest, and running/desired replicas', () => {
    expect(graph.services).toEqual([
      {
        id: 's2',
        name: 'agent',
        stack: null,
        image: '',
        mode: 'global',
        desiredReplicas: 1, // one ready, active node
        runningReplicas: 1,
        createdAt: '',
      },
      {
        id: 's1',
        name: 'landscape_quotes-service',
        stack: 'landscape',
        image: 'someprefix/quotes-service:latest',
        mode: 'replicated',
        desiredReplicas: 3,
        runningReplicas: 1,
        createdAt: '2026-11-26T11:00:00Z',
      },
    ]);
  });

  it('shows current tasks and recently failed ones, coloured by phase', () => {
    expect(graph.tasks.map((t) => [t.id, t.phase])).toEqual([
      ['t1', 'running'],
      ['t2', 'starting'],
      ['t3', 'stopped'],
      ['t7', 'running'],
    ]);
    expect(graph.tasks.find((t) => t.id === 't3')).toMatchObject({
      error: 'task: non-zero exit (137)',
      nodeId: 'n1',
      image: 'someprefix/quotes-service:latest',
    });
  });

  it('leaves out shut-down tasks, old failures and tasks of removed services', () => {
    const ids = graph.tasks.map((t) => t.id);
    expect(ids).not.toContain('t4');
    expect(ids).not.toContain('t5');
    expect(ids).not.toContain('t6');
  });

  it('keeps only swarm-scoped networks', () => {
    expect(graph.networks).toEqual([{ id: 'w1', name: 'landscape_my_network', driver: 'overlay' }]);
  });

  it('never carries environment variables or secrets', () => {
    const json = JSON.stringify(graph);
    expect(json).not.toContain(SECRET);
    expect(json).not.toMatch(/Env|Secret/i);
  });
});

describe('taskPhase', () => {
  it.each([
    ['running', 'running'],
    ['new', 'starting'],
    ['pending', 'starting'],
    ['assigned', 'starting'],
    ['preparing', 'starting'],
    ['starting', 'starting'],
    ['failed', 'stopped'],
    ['shutdown', 'stopped'],
    ['rejected', 'stopped'],
    ['complete', 'stopped'],
  ])('%s → %s', (state, phase) => {
    expect(taskPhase(state)).toBe(phase);
  });
});

describe('imageName', () => {
  it('drops the pinned digest', () => {
    expect(imageName('a/b:1@sha256:ff')).toBe('a/b:1');
    expect(imageName('a/b')).toBe('a/b');
    expect(imageName(undefined)).toBe('');
  });
});
