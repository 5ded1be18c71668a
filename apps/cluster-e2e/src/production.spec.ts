import { FALLBACK_QUOTE } from '@landscape/contracts';
import { makeTempDir } from '@landscape/processes';
import {
  builtStandin,
  describeLoad,
  DOCKER_POLL_MS,
  fallbackQuotes,
  printSummary,
  runningTasks,
  startLoadtest,
  summaryOfRun,
  tlsAccount,
  tlsGet,
  waitFor,
  waitForUpdate,
} from '@landscape/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  clusterAvailable,
  clusterNodes,
  clusterScript,
  MANAGER,
  nodeAddress,
  nodeName,
  nodeNumber,
  NODES,
  onManager,
  RELEASE,
} from './support/cluster';

const STACK = 'landscape-production';
const MONITORING = `${STACK}-mon`;
const ACCOUNTS = `${STACK}_accountservice`;
const QUOTES = `${STACK}_quotes-service`;
const EDGE = `${STACK}_edge`;
const ALERTMANAGER = `${MONITORING}_alertmanager`;
const PASSWORD = 'cluster-password';
const OPERATOR = `operator:${PASSWORD}`;
// Three nodes, the edge, monitoring and the load share this machine's two cores: at 300 req/s a
// new task's start saturated them for seconds, and quote calls fell back (docs/DEPLOYMENT.md).
const RATE = 150;
// The edge's default ports: each node has a network namespace of its own.
const ORIGIN = `https://${nodeAddress(1)}`;
const PROMETHEUS_API = `https://${nodeAddress(1)}:9090/api/v1`;
const ALERTMANAGER_API = `https://${nodeAddress(1)}:9093/api/v2`;

const secrets = makeTempDir('cluster-edge');
let ca: string;

const summary: string[] = [];
const onCluster = clusterAvailable() || process.env['CI'] === 'true' ? describe : describe.skip;

async function operatorJson<T>(url: string): Promise<T> {
  const answer = await tlsGet(url, ca, OPERATOR);
  if (answer.status !== 200) throw new Error(`${url}: ${answer.status} ${answer.text}`);
  return JSON.parse(answer.text) as T;
}

/** The value of a Prometheus query through the edge, one number per series. */
async function query(expr: string): Promise<number[]> {
  const { data } = await operatorJson<{ data: { result: Array<{ value: [number, string] }> } }>(
    `${PROMETHEUS_API}/query?query=${encodeURIComponent(expr)}`,
  );
  return data.result.map((series) => Number(series.value[1]));
}

interface Alert {
  labels: Record<string, string>;
  state?: string;
  status?: { state: string };
}

/** NodeDown for this node, as Prometheus holds it (pending or firing), if it does. */
async function nodeDownInPrometheus(hostname: string): Promise<string | undefined> {
  const { data } = await operatorJson<{ data: { alerts: Alert[] } }>(`${PROMETHEUS_API}/alerts`);
  return data.alerts.find(
    (alert) => alert.labels['alertname'] === 'NodeDown' && alert.labels['hostname'] === hostname,
  )?.state;
}

async function nodeDownInAlertmanager(hostname: string): Promise<boolean> {
  const alerts = await operatorJson<Alert[]>(
    `${ALERTMANAGER_API}/alerts?filter=${encodeURIComponent('alertname="NodeDown"')}`,
  );
  return alerts.some(
    (alert) => alert.labels['hostname'] === hostname && alert.status?.state === 'active',
  );
}

onCluster(`the production set-up on a ${NODES}-node swarm`, () => {
  beforeAll(async () => {
    await clusterScript('down');
    await clusterScript('up', ['--nodes', String(NODES)]);
    const started = performance.now();
    await clusterScript('deploy', [], {
      PRODUCTION: '1',
      IMAGE_TAG: RELEASE,
      STACK_NAME: STACK,
      MONITORING_STACK_NAME: MONITORING,
      EDGE_SECRETS_DIR: secrets.path,
      EDGE_PASSWORD: PASSWORD,
      EDGE_IMAGE: builtStandin('haproxy'),
      PROMETHEUS_IMAGE: builtStandin('prometheus'),
      ALERTMANAGER_IMAGE: builtStandin('alertmanager'),
      NODE_EXPORTER_IMAGE: builtStandin('node-exporter'),
    });
    ca = readFileSync(join(secrets.path, 'ca.pem'), 'utf8');
    await waitFor(
      'accountservice to answer through the edge with a real quote',
      180_000,
      async () => {
        const answer = await tlsAccount(ORIGIN, ca);
        return answer !== undefined && answer.quote.ipAddress !== FALLBACK_QUOTE.ipAddress;
      },
      DOCKER_POLL_MS,
    );
    summary.push(
      `deployed (npm run cluster:deploy, PRODUCTION=1) and answering through the edge in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  }, 600_000);

  afterAll(async () => {
    await clusterScript('down');
    secrets.remove();
    printSummary('Production cluster summary', summary);
  }, 120_000);

  it("runs the edge on the manager, the only task with a published port, and serves the API on the manager's address", async () => {
    const edges = await runningTasks(EDGE, MANAGER);
    expect(edges.map((task) => task.node)).toEqual([nodeName(1)]);
    const services = (await onManager(['service', 'ls', '--format', '{{.Name}}'])).split('\n');
    const published = [];
    for (const service of services) {
      const ports = await onManager([
        'service',
        'inspect',
        '--format',
        '{{range .Spec.EndpointSpec.Ports}}{{.PublishedPort}} {{end}}',
        service,
      ]);
      if (ports !== '') published.push(`${service}: ${ports}`);
    }
    expect(published).toEqual([`${EDGE}: 80 443 6969 9090 9093`]);
    const answer = await tlsAccount(ORIGIN, ca);
    expect(answer?.name).toBe('Person_0');
  });

  it("scrapes every node's node-exporter, the edge and Alertmanager, read through the edge", async () => {
    let nodes: number[] = [];
    let servers: number[] = [];
    let alertmanager: number[] = [];
    await waitFor(
      'Prometheus to have scraped node-exporter on every node, the edge and Alertmanager',
      90_000,
      async () => {
        nodes = await query(`up{service="${MONITORING}_node-exporter"} == 1`);
        servers = await query(
          `haproxy_backend_active_servers{service="${EDGE}",proxy="accountservice"}`,
        );
        alertmanager = await query(`up{service="${ALERTMANAGER}"} == 1`);
        return nodes.length === NODES && servers[0] === 2 && alertmanager.length === 1;
      },
      2_000,
    );
    summary.push(
      `Prometheus scrapes node-exporter on ${nodes.length} nodes, the edge (${servers[0]} healthy accountservice tasks) and Alertmanager`,
    );
  }, 120_000);

  it(`rolls accountservice ×2 (start-first) under ${RATE} req/s through the edge with no error and no fallback quote`, async () => {
    const before = await runningTasks(ACCOUNTS, MANAGER);
    expect(before).toHaveLength(2);
    // A late quote call's hedge goes to the other quotes-service task.
    expect(await runningTasks(QUOTES, MANAGER)).toHaveLength(2);
    const load = startLoadtest(
      [
        `--rate=${RATE}`,
        '--duration=600',
        '--timeout=5000',
        `--baseUrl=${ORIGIN}`,
        '--count-field=quote.ipAddress',
        '--report=tmp/loadtest/cluster-edge-release.html',
      ],
      { NODE_EXTRA_CA_CERTS: join(secrets.path, 'ca.pem') },
    );
    // The update starts once the load is steady: past the client's TLS handshakes and the first
    // requests' warm-up of every service, which are not the update's doing.
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const started = Date.now();
    await onManager(['service', 'update', '--detach', '--force', ACCOUNTS]);
    await waitForUpdate(ACCOUNTS, 'completed', 240_000, MANAGER);
    const tookS = ((Date.now() - started) / 1000).toFixed(0);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const run = summaryOfRun(await load.stop());
    const after = await runningTasks(ACCOUNTS, MANAGER);
    summary.push(
      `accountservice ×2 rolled through the edge in ${tookS} s (tasks on ${before.map((task) => task.node).join(', ')} → ${after.map((task) => task.node).join(', ')}) ` +
        `at ${RATE} req/s: ${describeLoad(run)}`,
    );
    for (const task of before) expect(after.map((rolled) => rolled.id)).not.toContain(task.id);
    expect(run.requests).toBeGreaterThan(RATE * 20);
    expect(run.errors).toBe(0);
    expect(fallbackQuotes(run)).toBe(0);
  }, 300_000);

  it('fires NodeDown in Prometheus and Alertmanager when a worker is lost, and resolves it when the worker is back', async () => {
    // A worker that runs no Alertmanager: the alert's way out stays up while the node is gone.
    const alertmanagerNodes = (await runningTasks(ALERTMANAGER, MANAGER)).map((task) => task.node);
    const workers = (await clusterNodes()).filter((node) => node.role === 'worker');
    const lost = workers.find((node) => !alertmanagerNodes.includes(node.hostname));
    expect(lost).toBeDefined();
    const hostname = lost?.hostname ?? '';
    const n = nodeNumber(hostname);
    const stopped = Date.now();
    await clusterScript('node', ['stop', String(n)]);
    try {
      await waitFor(
        `NodeDown for ${hostname} firing in Prometheus`,
        180_000,
        async () => (await nodeDownInPrometheus(hostname)) === 'firing',
        2_000,
      );
      const firedS = ((Date.now() - stopped) / 1000).toFixed(0);
      await waitFor(
        `NodeDown for ${hostname} in Alertmanager`,
        60_000,
        async () => nodeDownInAlertmanager(hostname),
        2_000,
      );
      const notifiedS = ((Date.now() - stopped) / 1000).toFixed(0);
      await clusterScript('node', ['start', String(n)]);
      const restarted = Date.now();
      await waitFor(
        `NodeDown for ${hostname} to end in Prometheus`,
        120_000,
        async () => (await nodeDownInPrometheus(hostname)) === undefined,
        2_000,
      );
      summary.push(
        `${hostname} lost: NodeDown firing in Prometheus after ${firedS} s, in Alertmanager after ${notifiedS} s; ` +
          `resolved ${((Date.now() - restarted) / 1000).toFixed(0)} s after its engine was back`,
      );
    } finally {
      await clusterScript('node', ['start', String(n)]);
    }
    const back = (await clusterNodes()).find((node) => node.hostname === hostname);
    expect(back?.state).toBe('ready');
  }, 420_000);
});
