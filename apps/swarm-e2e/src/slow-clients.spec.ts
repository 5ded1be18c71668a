import { engineAvailable, printSummary, rawRequest, serviceEnv } from '@landscape/testing';
import { ContainerMemory, type MemoryReading } from './support/cgroup';
import {
  deployStack,
  gatewayAddress,
  removeStack,
  serviceContainers,
  waitForHealthy,
} from './support/docker';
import {
  type SlowClientOptions,
  slowClientsAvailable,
  startSlowClients,
} from './support/slow-clients';
import { stackEnv } from './support/stack-env';

const STACK = 'landscape-slow';
const MiB = 1024 * 1024;
const PROBE_EVERY_MS = 100;
/** Ordinary requests go on this long after the attack, to show that the service recovered. */
const AFTER_MS = 5_000;

/** Each service as the stack runs it, and the ordinary request that must keep answering. */
const TARGETS = [
  { app: 'accountservice', port: 6767, path: '/accounts/10000' },
  { app: 'quotes-service', port: 8080, path: '/api/quote?strength=4' },
  { app: 'visualizer', port: 6969, path: '/api/graph' },
];

/**
 * Slowloris at the rate of the attack that took a container down before, clients that fill their
 * headers to the limit, and bodies that trickle: at the limit, each holds its place for a moment.
 */
const ATTACK: SlowClientOptions[] = [
  { kind: 'headers', connections: 8_000, perSecond: 800, seconds: 20 },
  { kind: 'big-headers', connections: 4_000, perSecond: 200, seconds: 20 },
  { kind: 'body', connections: 1_000, perSecond: 100, seconds: 20 },
];

const summary: string[] = [];

interface Probe {
  status: number;
  ms: number;
}

async function probe(url: string, path: string): Promise<Probe> {
  const started = performance.now();
  const status = await rawRequest(url, { path }, 3_000).then(
    (response) => response.status,
    () => 0,
  );
  return { status, ms: performance.now() - started };
}

async function closedAtLimit(url: string): Promise<number> {
  const { text } = await rawRequest(url, { path: '/metrics' });
  return [...text.matchAll(/^http_connections_closed_at_limit_total\{[^}]*\} (\d+)$/gm)].reduce(
    (sum, [, value]) => sum + Number(value),
    0,
  );
}

const runnable =
  (engineAvailable() && slowClientsAvailable()) || process.env['CI'] === 'true'
    ? describe
    : describe.skip;

runnable('slow clients by the thousand against the stack’s tasks, within their limits', () => {
  let budgetMs: number;

  beforeAll(async () => {
    await removeStack(STACK);
    await deployStack(STACK, stackEnv());
    for (const { app } of TARGETS) await waitForHealthy(`${STACK}_${app}`, 1);
    budgetMs = Number(await serviceEnv(`${STACK}_accountservice`, 'QUOTES_TIMEOUT_MS'));
  });

  afterAll(async () => {
    await removeStack(STACK);
    printSummary('Slow clients summary', summary);
  });

  it.each(TARGETS)(
    '$app keeps answering ordinary requests within the quote budget, under its memory limit, during and after the attack',
    async ({ app, port, path }) => {
      const [task] = await serviceContainers(`${STACK}_${app}`);
      const url = `http://${await gatewayAddress(task.id)}:${port}`;
      const memory = await ContainerMemory.of(task.id);
      const before = memory.read() as MemoryReading;
      let peak = before.usageBytes;
      let gone = false;

      const attacks = ATTACK.map((options) => startSlowClients(`${url}${path}`, options));
      let over = false;
      const attacked = Promise.all(attacks.map((attack) => attack.done)).then(() => (over = true));
      const probeWhile = async (going: () => boolean) => {
        const probes: Probe[] = [];
        while (going()) {
          probes.push(await probe(url, path));
          const now = memory.read();
          if (now) peak = Math.max(peak, now.usageBytes);
          else gone = true;
          await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS));
        }
        return probes;
      };
      let during: Probe[];
      try {
        during = await probeWhile(() => !over);
      } finally {
        for (const attack of attacks) attack.stop();
        await attacked;
      }
      const afterUntil = performance.now() + AFTER_MS;
      const after = await probeWhile(() => performance.now() < afterUntil);
      const [still] = await serviceContainers(`${STACK}_${app}`);
      expect({ gone, replacedBy: still?.id === task.id ? undefined : still?.id }).toEqual({
        gone: false,
        replacedBy: undefined,
      });
      const end = memory.read() as MemoryReading;
      const shed = await closedAtLimit(url);
      const slowest = (probes: Probe[]) => Math.max(...probes.map((p) => p.ms)).toFixed(0);
      summary.push(
        `${app}: ${during.length} ordinary requests during the attack, slowest ${slowest(during)} ms; ` +
          `${after.length} after it, slowest ${slowest(after)} ms; ${shed} connections closed at MAX_CONNECTIONS; ` +
          `memory ${(before.usageBytes / MiB).toFixed(0)} → peak ${(peak / MiB).toFixed(0)} → ` +
          `${(end.usageBytes / MiB).toFixed(0)} MiB of ${(end.limitBytes / MiB).toFixed(0)}; ` +
          `limit reached ${end.limitHits - before.limitHits} times; major faults ${end.majorFaults - before.majorFaults}`,
      );

      expect(shed).toBeGreaterThan(0);
      for (const probes of [during, after]) {
        expect(probes.filter((p) => p.status !== 200)).toEqual([]);
        expect(probes.filter((p) => p.ms >= budgetMs)).toEqual([]);
      }
      expect(end.limitHits - before.limitHits).toBe(0);
      expect(peak).toBeLessThan(end.limitBytes);
    },
    120_000,
  );
});
