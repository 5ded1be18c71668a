import { FALLBACK_QUOTE } from '@landscape/contracts';
import { makeTempDir } from '@landscape/processes';
import {
  builtContract,
  describeLoad,
  docker,
  DOCKER_POLL_MS,
  engineAvailable,
  fallbackQuotes,
  printSummary,
  startLoadtest,
  summaryOfRun,
  tlsAccount,
  tlsGet,
  waitFor,
  waitForUpdate,
} from '@landscape/testing';
import { workspaceRoot } from '@nx/devkit';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ContainerMemory, type MemoryReading } from './support/cgroup';
import { gatewayAddress, removeStack, serviceContainers, waitForHealthy } from './support/docker';
import { slowClientsAvailable, startSlowClients } from './support/slow-clients';
import {
  ALERTMANAGER_IMAGE,
  EDGE_IMAGE,
  NODE_EXPORTER_IMAGE,
  PROMETHEUS_IMAGE,
  PROMETHEUS_PORT,
  RELEASE,
  stackEnv,
  VISUALIZER_PORT,
} from './support/stack-env';

const STACK = 'landscape-edge';
const MONITORING = `${STACK}-mon`;
const ACCOUNTS = `${STACK}_accountservice`;
const EDGE = `${STACK}_edge`;
const HTTP_PORT = 18080;
const HTTPS_PORT = 18443;
const ALERTMANAGER_PORT = 19093;
const ORIGIN = `https://127.0.0.1:${HTTPS_PORT}`;
// The load tool, the edge's TLS and every service share this machine's two cores: at 300 req/s a
// new task's start saturated them and quote calls fell back (docs/DEPLOYMENT.md).
const RATE = 150;
const CERTIFICATE_SECRET = `${STACK}_certificate`;
const FIRST_USERS = `${STACK}_users_1`;
const SECOND_USERS = `${STACK}_users_2`;
const FIRST = 'operator:first-password';
const SECOND = 'operator:second-password';

const secrets = makeTempDir('edge-secrets');
const secretsDir = secrets.path;
let ca: string;

/** The alerts' sink: Alertmanager's webhook posts here, on the host's docker_gwbridge address. */
const notifications: Array<{ status: string; alerts: Array<{ labels: Record<string, string> }> }> =
  [];
let sink: Server;
const alertmanagerConfig = join(secretsDir, 'alertmanager.yml');

async function startSink(): Promise<void> {
  sink = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk));
    req.on('end', () => {
      notifications.push(JSON.parse(body) as (typeof notifications)[number]);
      res.end();
    });
  });
  await new Promise<void>((resolve) => sink.listen(0, '0.0.0.0', resolve));
  const gateway = await docker([
    'network',
    'inspect',
    '--format',
    '{{(index .IPAM.Config 0).Gateway}}',
    'docker_gwbridge',
  ]);
  const { port } = sink.address() as AddressInfo;
  writeFileSync(
    alertmanagerConfig,
    [
      'route: { receiver: sink, group_by: [alertname, service], group_wait: 5s, group_interval: 10s, repeat_interval: 1h }',
      `receivers: [{ name: sink, webhook_configs: [{ url: 'http://${gateway}:${port}/alerts', send_resolved: true }] }]`,
    ].join('\n'),
  );
}

const summary: string[] = [];

/** tools/docker/deploy-production.sh, as the README gives it, on this host's ports and images. */
async function deployProduction(usersSecret: string, password: string): Promise<void> {
  const env = {
    ...process.env,
    ...stackEnv(),
    STACK_NAME: STACK,
    MONITORING_STACK_NAME: MONITORING,
    IMAGE_TAG: RELEASE,
    EDGE_IMAGE,
    PROMETHEUS_IMAGE,
    ALERTMANAGER_IMAGE,
    NODE_EXPORTER_IMAGE,
    ALERTMANAGER_CONFIG: alertmanagerConfig,
    EDGE_HTTP_PORT: String(HTTP_PORT),
    EDGE_HTTPS_PORT: String(HTTPS_PORT),
    PROMETHEUS_PORT: String(PROMETHEUS_PORT),
    ALERTMANAGER_PORT: String(ALERTMANAGER_PORT),
    EDGE_SECRETS_DIR: secretsDir,
    EDGE_CERTIFICATE_SECRET: CERTIFICATE_SECRET,
    EDGE_USERS_SECRET: usersSecret,
    EDGE_PASSWORD: password,
  };
  await promisify(execFile)(join(workspaceRoot, 'tools/docker/deploy-production.sh'), {
    cwd: workspaceRoot,
    env,
  });
}

async function removeAll(): Promise<void> {
  await removeStack(MONITORING);
  await removeStack(STACK);
  for (const secret of [CERTIFICATE_SECRET, FIRST_USERS, SECOND_USERS]) {
    await docker(['secret', 'rm', secret]).catch(() => undefined);
  }
  await docker([
    'volume',
    'rm',
    '--force',
    `${MONITORING}_prometheus_data`,
    `${MONITORING}_alertmanager_data`,
  ]);
}

/** The operators' pages, each behind the edge on the port it has without it. */
const OPERATOR_PAGES = [
  { name: 'visualizer', url: `https://127.0.0.1:${VISUALIZER_PORT}/api/graph` },
  { name: 'Prometheus', url: `https://127.0.0.1:${PROMETHEUS_PORT}/api/v1/status/buildinfo` },
  { name: 'Alertmanager', url: `https://127.0.0.1:${ALERTMANAGER_PORT}/api/v2/status` },
];
const PROMETHEUS_API = `https://127.0.0.1:${PROMETHEUS_PORT}/api/v1`;
const ALERTMANAGER_API = `https://127.0.0.1:${ALERTMANAGER_PORT}/api/v2`;

/** The value of a Prometheus query through the edge, one number per series. */
async function query(expr: string): Promise<number[]> {
  const answer = await tlsGet(
    `${PROMETHEUS_API}/query?query=${encodeURIComponent(expr)}`,
    ca,
    FIRST,
  );
  const { data } = JSON.parse(answer.text) as {
    data: { result: Array<{ value: [number, string] }> };
  };
  return data.result.map((series) => Number(series.value[1]));
}

/** Whether the edge answers 200 for these credentials; false while it cannot be reached yet. */
async function answersOk(url: string, credentials: string): Promise<boolean> {
  return (await tlsGet(url, ca, credentials).catch(() => undefined))?.status === 200;
}

/** Whether the webhook got QuoteBreakerOpen in a notification of this status. */
function notified(status: 'firing' | 'resolved'): boolean {
  return notifications.some(
    (n) =>
      n.status === status && n.alerts.some((a) => a.labels['alertname'] === 'QuoteBreakerOpen'),
  );
}

/** Whether Alertmanager holds QuoteBreakerOpen as an active alert. */
async function breakerAlertActive(): Promise<boolean> {
  const filter = encodeURIComponent('alertname="QuoteBreakerOpen"');
  const answer = await tlsGet(
    `${ALERTMANAGER_API}/alerts?filter=${filter}&active=true&silenced=false`,
    ca,
    FIRST,
  );
  return (JSON.parse(answer.text) as unknown[]).length > 0;
}

/** QuoteBreakerOpen's `for` (20 s), a scrape and an evaluation (10 s each), group_wait, and room. */
const ALERT_BOUND_MS = 90_000;

const runnable =
  (engineAvailable() && slowClientsAvailable()) || process.env['CI'] === 'true'
    ? describe
    : describe.skip;

runnable('the production set-up: everything behind one TLS edge', () => {
  beforeAll(async () => {
    await removeAll();
    await startSink();
    await deployProduction(FIRST_USERS, FIRST.split(':')[1]);
    ca = readFileSync(join(secretsDir, 'ca.pem'), 'utf8');
    await waitForHealthy(ACCOUNTS, 2);
    await waitFor(
      'the edge to answer with a real quote',
      90_000,
      async () => {
        const answer = await tlsAccount(ORIGIN, ca);
        return answer !== undefined && answer.quote.ipAddress !== FALLBACK_QUOTE.ipAddress;
      },
      DOCKER_POLL_MS,
    );
    // the operators' pages wait on their own services' start and the edge's health checks
    await Promise.all(
      OPERATOR_PAGES.map(({ name, url }) =>
        waitFor(
          `the edge to answer for ${name}`,
          90_000,
          () => answersOk(url, FIRST),
          DOCKER_POLL_MS,
        ),
      ),
    );
  }, 300_000);

  afterAll(async () => {
    sink?.close();
    await removeAll();
    secrets.remove();
    printSummary('Edge summary', summary);
  });

  it('publishes no port but the edge’s, in the landscape and in its monitoring', async () => {
    const services = (
      await docker([
        'service',
        'ls',
        '--format',
        '{{.Name}}',
        '--filter',
        `label=com.docker.stack.namespace=${STACK}`,
      ])
    ).split('\n');
    const monitoring = (
      await docker([
        'service',
        'ls',
        '--format',
        '{{.Name}}',
        '--filter',
        `label=com.docker.stack.namespace=${MONITORING}`,
      ])
    ).split('\n');
    const published: Record<string, number[]> = {};
    for (const service of [...services, ...monitoring]) {
      const ports = JSON.parse(
        await docker([
          'service',
          'inspect',
          '--format',
          '{{json .Spec.EndpointSpec.Ports}}',
          service,
        ]),
      ) as Array<{ PublishedPort: number }> | null;
      published[service] = (ports ?? []).map((port) => port.PublishedPort).sort();
    }
    expect(published).toEqual({
      [`${STACK}_accountservice`]: [],
      [`${STACK}_quotes-service`]: [],
      [`${STACK}_visualizer`]: [],
      [EDGE]: [HTTP_PORT, HTTPS_PORT, VISUALIZER_PORT, PROMETHEUS_PORT, ALERTMANAGER_PORT].sort(),
      [`${MONITORING}_prometheus`]: [],
      [`${MONITORING}_alertmanager`]: [],
      [`${MONITORING}_node-exporter`]: [],
    });
  });

  it('serves the account over TLS with a certificate that the script’s CA signed, in contract, with HSTS and security headers', async () => {
    const answer = await tlsGet(`${ORIGIN}/accounts/10000`, ca);
    const contract = await builtContract('accountservice');
    expect(contract.problems({ method: 'GET', path: '/accounts/10000', ...answer })).toEqual([]);
    expect(JSON.parse(answer.text)).toMatchObject({ id: '10000', name: 'Person_0' });
    expect(answer.headers).toMatchObject({
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
    });
    await expect(tlsGet(`${ORIGIN}/accounts/10000`, '')).rejects.toThrow(/certificate/);
  });

  it('redirects HTTP to HTTPS, path and query kept', async () => {
    const answer = await fetch(`http://127.0.0.1:${HTTP_PORT}/accounts/10000?x=1`, {
      redirect: 'manual',
    });
    expect(answer.status).toBe(301);
    expect(answer.headers.get('location')).toBe(`${ORIGIN}/accounts/10000?x=1`);
  });

  it('keeps the services’ own operation (metrics, health) from the public side: 404 in the error contract', async () => {
    for (const path of ['/metrics', '/health', '/']) {
      const answer = await tlsGet(`${ORIGIN}${path}`, ca);
      expect({ path, status: answer.status, body: JSON.parse(answer.text) }).toEqual({
        path,
        status: 404,
        body: { statusCode: 404, message: 'Not Found', error: 'Not Found' },
      });
    }
  });

  it.each(OPERATOR_PAGES)(
    '$name: 401 in the error contract without credentials or with wrong ones, 200 with them',
    async ({ url }) => {
      for (const auth of [undefined, 'operator:wrong', 'someone:first-password']) {
        const answer = await tlsGet(url, ca, auth);
        expect({
          auth,
          status: answer.status,
          challenge: answer.headers['www-authenticate'],
        }).toEqual({
          auth,
          status: 401,
          challenge: 'Basic realm="landscape"',
        });
        expect(JSON.parse(answer.text)).toEqual({
          statusCode: 401,
          message: 'credentials required',
          error: 'Unauthorized',
        });
      }
      expect((await tlsGet(url, ca, FIRST)).status).toBe(200);
    },
  );

  it('has its own metrics and every node’s scraped by Prometheus, which the test reads through the edge', async () => {
    let servers: number[] = [];
    let nodes: number[] = [];
    await waitFor(
      'Prometheus to have scraped the edge and node-exporter',
      60_000,
      async () => {
        servers = await query(
          `haproxy_backend_active_servers{service="${EDGE}",proxy="accountservice"}`,
        );
        nodes = await query(
          `node_memory_MemAvailable_bytes{service="${MONITORING}_node-exporter"}`,
        );
        return servers.length === 1 && servers[0] === 2 && nodes.length === 1;
      },
      1_000,
    );
    summary.push(
      `Prometheus sees the edge with ${servers[0]} healthy accountservice tasks, and ${nodes.length} node with ${(nodes[0] / 2 ** 30).toFixed(1)} GiB available`,
    );
  }, 90_000);

  it(`fires QuoteBreakerOpen in Alertmanager and at its webhook within ${ALERT_BOUND_MS / 1000} s of quotes-service going to 0, and resolves it after`, async () => {
    const quotes = `${STACK}_quotes-service`;
    let calling = true;
    // Account reads keep the breaker's calls going; with no quotes-service they open it.
    const reads = (async () => {
      while (calling) {
        await tlsGet(`${ORIGIN}/accounts/10000`, ca).catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    // The production set-up's count, put back after.
    const replicas = await docker([
      'service',
      'inspect',
      '--format',
      '{{.Spec.Mode.Replicated.Replicas}}',
      quotes,
    ]);
    try {
      await docker(['service', 'scale', '--detach', `${quotes}=0`]);
      const scaledDown = Date.now();
      await waitFor('QuoteBreakerOpen in Alertmanager', ALERT_BOUND_MS, breakerAlertActive, 2_000);
      await waitFor(
        'the webhook to get QuoteBreakerOpen firing',
        30_000,
        async () => notified('firing'),
        500,
      );
      const firedS = ((Date.now() - scaledDown) / 1000).toFixed(0);
      await docker(['service', 'scale', '--detach', `${quotes}=${replicas}`]);
      const scaledUp = Date.now();
      await waitFor(
        'QuoteBreakerOpen to leave Alertmanager',
        150_000,
        async () => !(await breakerAlertActive()),
        2_000,
      );
      await waitFor(
        'the webhook to get QuoteBreakerOpen resolved',
        90_000,
        async () => notified('resolved'),
        500,
      );
      summary.push(
        `QuoteBreakerOpen: at the webhook ${firedS} s after quotes-service went to 0, resolved ${((Date.now() - scaledUp) / 1000).toFixed(0)} s after it was back`,
      );
    } finally {
      calling = false;
      await reads;
      await docker(['service', 'scale', '--detach', `${quotes}=${replicas}`]);
    }
  }, 330_000);

  it(`rolls accountservice ×2 (start-first, behind the edge) under ${RATE} req/s with no error and no fallback quote`, async () => {
    const load = startLoadtest(
      [
        `--rate=${RATE}`,
        '--duration=600',
        '--timeout=5000',
        `--baseUrl=${ORIGIN}`,
        '--count-field=quote.ipAddress',
        '--report=tmp/loadtest/swarm-edge-release.html',
      ],
      { NODE_EXTRA_CA_CERTS: join(secretsDir, 'ca.pem') },
    );
    // The update starts once the load is steady: past the client's TLS handshakes and the first
    // requests' warm-up of every service, which are not the update's doing.
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const image = `someprefix/accountservice:${RELEASE}-edge-rolled`;
    await docker(['tag', `someprefix/accountservice:${RELEASE}`, image]);
    const started = Date.now();
    await docker(['service', 'update', '--detach', '--image', image, ACCOUNTS]);
    await waitForUpdate(ACCOUNTS, 'completed', 240_000);
    const tookS = ((Date.now() - started) / 1000).toFixed(0);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const run = summaryOfRun(await load.stop());
    summary.push(
      `accountservice ×2 rolled through the edge in ${tookS} s at ${RATE} req/s: ${describeLoad(run)}`,
    );
    expect(run.requests).toBeGreaterThan(RATE * 20);
    expect(run.errors).toBe(0);
    expect(fallbackQuotes(run)).toBe(0);
  }, 300_000);

  it('stops slow clients by the thousand at the edge: the services’ memory untouched, ordinary requests answering', async () => {
    const tasks = await serviceContainers(ACCOUNTS);
    const memories = await Promise.all(tasks.map((task) => ContainerMemory.of(task.id)));
    // The ordinary requests below reach the tasks: they are served as many first, so that what
    // a task's first requests cost (compiled code, pools) is in the reading before the attack.
    for (let i = 0; i < 200; i++) await tlsAccount(ORIGIN, ca);
    const before = memories.map((memory) => memory.read() as MemoryReading);
    // Straight at the edge's task, as from another machine: on 127.0.0.1 Docker's userland proxy
    // would carry the attack's connections, and the test would measure the proxy.
    const [edge] = await serviceContainers(EDGE);
    const edgeMemory = await ContainerMemory.of(edge.id);
    const attack = startSlowClients(
      `https://${await gatewayAddress(edge.id)}:8443/accounts/10000`,
      {
        kind: 'headers',
        connections: 4_000,
        perSecond: 400,
        seconds: 20,
      },
    );
    const probes: Array<{ status: number; ms: number }> = [];
    let edgePeak = 0;
    let over = false;
    const attacked = attack.done.then(() => (over = true));
    try {
      while (!over) {
        const started = performance.now();
        const answer = await tlsGet(`${ORIGIN}/accounts/10000`, ca).catch(() => ({ status: 0 }));
        probes.push({ status: answer.status, ms: performance.now() - started });
        edgePeak = Math.max(edgePeak, edgeMemory.read()?.usageBytes ?? 0);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    } finally {
      attack.stop();
      await attacked;
    }
    const after = memories.map((memory) => memory.read() as MemoryReading);
    const slowest = Math.max(...probes.map((probe) => probe.ms));
    const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
    summary.push(
      `slowloris at the edge (4,000 connections at 400/s over TLS): ${probes.length} ordinary requests, slowest ${slowest.toFixed(0)} ms; ` +
        `the edge's memory at most ${mib(edgePeak)} MiB; accountservice tasks' ${before.map((m) => mib(m.usageBytes)).join(', ')} → ` +
        `${after.map((m) => mib(m.usageBytes)).join(', ')} MiB`,
    );
    expect(probes.filter((probe) => probe.status !== 200)).toEqual([]);
    for (const [i, reading] of after.entries()) {
      expect(reading.limitHits - before[i].limitHits).toBe(0);
      expect(reading.usageBytes - before[i].usageBytes).toBeLessThan(16 * 2 ** 20);
    }
  }, 120_000);

  it('rotates the operators’ credentials: a new secret under a new name, a redeploy, and the old ones stop working', async () => {
    await deployProduction(SECOND_USERS, SECOND.split(':')[1]);
    const url = OPERATOR_PAGES[0].url;
    await waitFor(
      'the edge to take the new credentials',
      90_000,
      () => answersOk(url, SECOND),
      DOCKER_POLL_MS,
    );
    expect((await tlsGet(url, ca, FIRST)).status).toBe(401);
    const tasks = await serviceContainers(EDGE);
    expect(tasks).toHaveLength(1);
  }, 150_000);
});
