import type { SwarmGraph, SwarmTask } from '@landscape/contracts';

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

/** A two-node swarm for the view models' unit tests: a leader manager, and a worker down and drained. */
export const GRAPH: SwarmGraph = {
  nodes: [
    {
      id: 'n1',
      hostname: 'm1',
      role: 'manager',
      availability: 'active',
      state: 'ready',
      leader: true,
      address: '10.213.0.11',
      engineVersion: '26.1.5',
      cpus: 2,
      memoryBytes: 25_769_803_776,
      labels: { zone: 'a', ssd: '' },
    },
    {
      id: 'n2',
      hostname: 'w1',
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
