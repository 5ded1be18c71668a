import { type Account, FALLBACK_QUOTE } from '@landscape/contracts';
import {
  builtContract,
  builtDocumentPath,
  docker,
  DOCKER_POLL_MS,
  engineAvailable,
  getJson,
  parseLoadtestSummary,
  printSummary,
  rawRequest,
  runLoadtest,
  serviceEnv,
  waitFor,
} from '@landscape/testing';
import { makeTempDir } from '@landscape/processes';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ALERTS_FILE,
  deployStack,
  MONITORING_FILE,
  removeStack,
  scaleService,
  serviceContainers,
  serviceTasks,
  type TaskContainer,
  waitForHealthy,
} from './support/docker';
import {
  ACCOUNTSERVICE_PORT,
  ALERTMANAGER_IMAGE,
  NODE_EXPORTER_IMAGE,
  NODE_VERSION,
  PROMETHEUS_IMAGE,
  PROMETHEUS_PORT,
  RELEASE,
  stackEnv,
} from './support/stack-env';

const STACK = 'landscape-e2e';
const MONITORING = `${STACK}-mon`;
const PROMETHEUS = `http://127.0.0.1:${PROMETHEUS_PORT}`;
const ACCOUNTS = `${STACK}_accountservice`;
const QUOTES = `${STACK}_quotes-service`;
const NETWORK = `${STACK}_my_network`;
const BASE_URL = `http://127.0.0.1:${ACCOUNTSERVICE_PORT}`;

/** The alerts that deploy/alerts.yml defines. */
const ALERT_NAMES = [...readFileSync(ALERTS_FILE, 'utf8').matchAll(/^\s*- alert: (\w+)$/gm)]
  .map((match) => match[1])
  .sort();
/** QuoteBreakerOpen's `for` (20 s), a scrape and an evaluation interval (10 s each), and room. */
const ALERT_BOUND_MS = 60_000;

interface PrometheusAlerts {
  data: { alerts: Array<{ labels: Record<string, string>; state: 'pending' | 'firing' }> };
}

/** The state of accountservice's QuoteBreakerOpen alert in Prometheus, or 'inactive'. */
async function breakerAlertState(): Promise<string> {
  const answer = await getJson<PrometheusAlerts>(`${PROMETHEUS}/api/v1/alerts`);
  const alert = answer.body.data.alerts.find(
    (a) => a.labels['alertname'] === 'QuoteBreakerOpen' && a.labels['service'] === ACCOUNTS,
  );
  return alert?.state ?? 'inactive';
}

const summary: string[] = [];
const note = (line: string) => summary.push(line);

const onEngine = engineAvailable() || process.env['CI'] === 'true' ? describe : describe.skip;

onEngine('the landscape on a real Docker Swarm', () => {
  beforeAll(async () => {
    await removeStack(MONITORING);
    await removeStack(STACK);
    await deployStack(STACK, stackEnv());
    await waitForHealthy(QUOTES, 1);
    await waitForHealthy(ACCOUNTS, 1);
    await waitFor(
      'accountservice to answer on its published port',
      30_000,
      async () => {
        return (await getJson(`${BASE_URL}/health`)).status === 200;
      },
      DOCKER_POLL_MS,
    );
  });

  afterAll(async () => {
    await removeStack(MONITORING);
    await docker(['volume', 'rm', '--force', `${MONITORING}_prometheus_data`]);
    await removeStack(STACK);
    printSummary('Swarm test summary', summary);
  });

  it('reports image sizes and the memory of each container after start', async () => {
    const rows = [['container', 'memory after start', "article's figure"]];
    const article: Record<string, string> = {
      accountservice: '5.6 MiB (Go)',
      'quotes-service': '293.9 MiB (Spring Boot)',
      visualizer: 'not reported (dvizz)',
    };
    for (const app of ['accountservice', 'quotes-service', 'visualizer']) {
      const bytes = Number(
        await docker(['image', 'inspect', '--format', '{{.Size}}', `someprefix/${app}:${RELEASE}`]),
      );
      note(`image someprefix/${app}:${RELEASE}: ${(bytes / 1e6).toFixed(1)} MB`);
      expect(bytes).toBeGreaterThan(0);
      const [container] = await serviceContainers(`${STACK}_${app}`);
      const usage = await docker([
        'stats',
        '--no-stream',
        '--format',
        '{{.MemUsage}}',
        container.id,
      ]);
      rows.push([app, usage.split(' / ')[0], article[app]]);
    }
    note(table(rows));
  });

  it('runs images labelled with their release, on the Node.js of .node-version, on a read-only root', async () => {
    const labels = JSON.parse(
      await docker([
        'image',
        'inspect',
        '--format',
        '{{json .Config.Labels}}',
        `someprefix/quotes-service:${RELEASE}`,
      ]),
    ) as Record<string, string>;
    expect(labels).toMatchObject({
      'org.opencontainers.image.version': RELEASE,
      'org.opencontainers.image.revision': expect.stringMatching(/^[0-9a-f]{40}$/),
      'org.opencontainers.image.source': expect.any(String),
      'org.opencontainers.image.created': expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    const [quotes] = await serviceContainers(QUOTES);
    const node = (script: string) => docker(['exec', quotes.id, '/nodejs/bin/node', '-e', script]);
    expect(await node('console.log(process.version)')).toBe(`v${NODE_VERSION}`);
    expect(
      await node(
        "try { require('fs').writeFileSync('/app/x', ''); console.log('written') } catch (e) { console.log(e.code) }",
      ),
    ).toBe('EROFS');
    expect(await node("require('fs').writeFileSync('/tmp/x', 'ok'); console.log('ok')")).toBe('ok');
    note(`release ${RELEASE}, Node ${await node('console.log(process.version)')} in the tasks`);
  });

  it.each(['accountservice', 'quotes-service'])(
    "ships V8's code cache for %s's bundle, and a container run as the stack runs it uses it",
    async (app) => {
      // Starts main.js beside this script, as the image's user on a read-only root, and prints
      // what Node's compile cache did with it: accepted, rejected, or nothing (no entry).
      const script = `
        const service = require('node:child_process').spawn(process.execPath, ['main.js'], {
          env: { ...process.env, NODE_DEBUG_NATIVE: 'COMPILE_CACHE' },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let log = '';
        const done = (verdict) => { console.log(verdict); service.kill('SIGKILL'); process.exit(0); };
        service.stderr.on('data', (chunk) => {
          log += chunk;
          const found = /V8 code cache for CommonJS \\/app\\/main\\.js was (\\w+)/.exec(log);
          if (found) done(found[1]);
        });
        setTimeout(() => done('nothing'), 10000);`;
      const asTheStackRunsIt = ['--rm', '--read-only', '--tmpfs', '/tmp'];
      const node = ['--entrypoint', '/nodejs/bin/node', `someprefix/${app}:${RELEASE}`];
      expect(await docker(['run', ...asTheStackRunsIt, ...node, '-e', script])).toBe('accepted');
    },
  );

  it('keeps the visualizer off my_network: it talks to no service', async () => {
    const [visualizer] = await serviceContainers(`${STACK}_visualizer`);
    expect(Object.keys(visualizer.addresses)).not.toContain(NETWORK);
    const [account] = await serviceContainers(ACCOUNTS);
    expect(Object.keys(account.addresses)).toContain(NETWORK);
  });

  it('serves GET /accounts/10000 through the published port, with a quote from quotes-service', async () => {
    const [account] = await serviceContainers(ACCOUNTS);
    const [quotes] = await serviceContainers(QUOTES);
    const response = await getJson<Account>(`${BASE_URL}/accounts/10000`);
    expect(response.status).toBe(200);
    const body = response.body;
    expect(body.servedBy).toBe(account.addresses[NETWORK]);
    expect(body.quote.ipAddress).toBe(`${quotes.hostname}/${quotes.addresses[NETWORK]}:8080`);
    expect(response.text).toBe(
      JSON.stringify({
        id: '10000',
        name: 'Person_0',
        servedBy: account.addresses[NETWORK],
        quote: {
          quote: body.quote.quote,
          ipAddress: body.quote.ipAddress,
          language: body.quote.language,
        },
      }),
    );
    note(`GET /accounts/10000: ${response.text}`);
  });

  it('serves from the release image the OpenAPI document that the build wrote, and answers as it says', async () => {
    const document = await rawRequest(BASE_URL, { path: '/openapi.json' });
    expect(document.status).toBe(200);
    expect(document.text).toBe(readFileSync(builtDocumentPath('accountservice'), 'utf8'));
    const contract = await builtContract('accountservice');
    for (const path of ['/accounts/10000', '/accounts/abc', '/accounts/20000', '/health']) {
      const answer = await rawRequest(BASE_URL, { path });
      expect(contract.problems({ method: 'GET', path, ...answer })).toEqual([]);
    }
  });

  it("takes a load test, with each service's CPU and memory read through the Docker API", async () => {
    const reports = makeTempDir('swarm-loadtest');
    try {
      const run = await runLoadtest([
        '--users=100',
        '--ramp=2',
        '--pause=0.2',
        '--duration=5',
        `--baseUrl=${BASE_URL}`,
        `--service=${ACCOUNTS}`,
        `--service=${QUOTES}`,
        `--report=${join(reports.path, 'swarm.html')}`,
      ]);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^errors +0: status 0, timeout 0, connection 0$/m);
      const { footprint } = parseLoadtestSummary(run.stdout);
      for (const service of [ACCOUNTS, QUOTES]) {
        expect(footprint[`service ${service}`]?.cpuMaxPercent).toBeGreaterThan(0);
        expect(footprint[`service ${service}`]?.memoryMaxMiB).toBeGreaterThan(5);
      }
      note(`loadtest against the stack:\n${run.stdout.replace(/^report .*\n?/m, '').trimEnd()}`);
    } finally {
      reports.remove();
    }
  });

  it('is scraped by a real Prometheus that finds every task through Swarm service discovery', async () => {
    await deployStack(
      MONITORING,
      {
        ...stackEnv(),
        LANDSCAPE_STACK: STACK,
        PROMETHEUS_IMAGE,
        PROMETHEUS_PORT: String(PROMETHEUS_PORT),
        ALERTMANAGER_IMAGE,
        NODE_EXPORTER_IMAGE,
      },
      [MONITORING_FILE],
    );
    const running = async () => {
      const ids = await docker([
        'service',
        'ps',
        '--quiet',
        '--no-trunc',
        '--filter',
        'desired-state=running',
        ACCOUNTS,
        QUOTES,
        `${STACK}_visualizer`,
      ]);
      return ids.split('\n').sort();
    };
    interface Series {
      metric: { service: string; task: string; stack: string };
      value: [number, string];
    }
    let series: Series[] = [];
    await waitFor(
      'Prometheus to have scraped every task',
      120_000,
      async () => {
        const query = encodeURIComponent(
          `sum by (service, task, stack) (http_request_duration_seconds_count{stack="${STACK}"})`,
        );
        const answer = await getJson<{ data: { result: Series[] } }>(
          `${PROMETHEUS}/api/v1/query?query=${query}`,
        );
        series = answer.body.data.result;
        return (
          JSON.stringify(series.map((s) => s.metric.task).sort()) ===
          JSON.stringify(await running())
        );
      },
      DOCKER_POLL_MS,
    );
    const byService = series.map(
      (s) => `${s.metric.service} ${s.metric.task.slice(0, 12)}: ${s.value[1]} requests`,
    );
    expect(
      series.find((s) => s.metric.service === ACCOUNTS && Number(s.value[1]) > 100),
    ).toBeDefined();
    // The monitoring stack's own targets (Alertmanager, node-exporter) too, once scraped.
    let health: Record<string, string> = {};
    await waitFor(
      'every target to be scraped and up',
      60_000,
      async () => {
        const targets = await getJson<{
          data: {
            activeTargets: Array<{ health: string; labels: { service: string; task: string } }>;
          };
        }>(`${PROMETHEUS}/api/v1/targets?state=active`);
        health = Object.fromEntries(
          targets.body.data.activeTargets.map((t) => [
            `${t.labels.service} ${t.labels.task}`,
            t.health,
          ]),
        );
        return Object.values(health).every((h) => h === 'up');
      },
      DOCKER_POLL_MS,
    );
    const services = new Set(Object.keys(health).map((target) => target.split(' ')[0]));
    expect([...services].sort()).toEqual(
      [
        ACCOUNTS,
        QUOTES,
        `${STACK}_visualizer`,
        `${MONITORING}_alertmanager`,
        `${MONITORING}_node-exporter`,
      ].sort(),
    );
    let rules: Array<{ name: string; health: string }> = [];
    await waitFor(
      'Prometheus to have evaluated the alert rules',
      30_000,
      async () => {
        const answer = await getJson<{
          data: { groups: Array<{ rules: Array<{ name: string; health: string }> }> };
        }>(`${PROMETHEUS}/api/v1/rules?type=alert`);
        rules = answer.body.data.groups.flatMap((group) => group.rules);
        return rules.length > 0 && rules.every((rule) => rule.health === 'ok');
      },
      DOCKER_POLL_MS,
    );
    expect(rules.map((rule) => rule.name).sort()).toEqual(ALERT_NAMES);
    expect(ALERT_NAMES.length).toBeGreaterThan(0);
    note(
      `Prometheus (${PROMETHEUS_IMAGE}) over dockerswarm_sd, http_request_duration_seconds_count by task:\n  ${byService.join('\n  ')}`,
    );
  });

  it('spreads quote calls over both quotes-service replicas when scaled to 2', async () => {
    const connectionMaxAgeMs = Number(await serviceEnv(ACCOUNTS, 'QUOTES_CONNECTION_MAX_AGE_MS'));
    expect(connectionMaxAgeMs).toBeGreaterThan(0);
    await scaleService(QUOTES, 2);
    const replicas = await waitForHealthy(QUOTES, 2);
    const expected = replicas.map((c) => `${c.hostname}/${c.addresses[NETWORK]}:8080`).sort();
    const seen = new Map<string, number>();
    const statuses = new Set<number>();
    // Rounds of 10 concurrent calls: concurrency makes accountservice open new pooled
    // connections, and each new connection resolves quotes-service again (DNS round robin). On a
    // busy machine one round may be served over a single connection; the pool moves new calls to
    // new connections every QUOTES_CONNECTION_MAX_AGE_MS, so later rounds reach the other replica.
    await waitFor(
      'quote calls answered by both replicas',
      4 * connectionMaxAgeMs,
      async () => {
        const responses = await Promise.all(
          Array.from({ length: 10 }, () => getJson<Account>(`${BASE_URL}/accounts/10001`)),
        );
        for (const { status, body } of responses) {
          statuses.add(status);
          seen.set(body.quote.ipAddress, (seen.get(body.quote.ipAddress) ?? 0) + 1);
        }
        return seen.size >= expected.length;
      },
      1_000,
    ).catch(() => 0); // the expectations below say what was seen
    expect([...statuses]).toEqual([200]);
    expect([...seen.keys()].sort()).toEqual(expected);
    note(
      `quotes-service x2, ${[...seen.values()].reduce((a, b) => a + b)} calls: ${[...seen].map(([ip, n]) => `${ip} ${n}`).join(', ')}`,
    );
  });

  it('still answers 200, with the fallback quote, when quotes-service is scaled to 0, and Prometheus fires QuoteBreakerOpen until it is back', async () => {
    await scaleService(QUOTES, 0);
    await waitFor(
      'quotes-service to have no running task',
      60_000,
      async () => {
        return (await serviceContainers(QUOTES)).length === 0;
      },
      DOCKER_POLL_MS,
    );
    const response = await getJson<Account>(`${BASE_URL}/accounts/10002`);
    expect(response.status).toBe(200);
    expect(response.body.quote).toEqual(FALLBACK_QUOTE);
    // Calls enough to open the breaker, then one a second, which keep it open or half-open
    // while quotes-service is away and let its probe close it once it is back.
    for (let call = 0; call < 20; call++) await getJson(`${BASE_URL}/accounts/10002`);
    const breakerAlertIs = async (state: string) => {
      await getJson(`${BASE_URL}/accounts/10002`);
      return (await breakerAlertState()) === state;
    };
    const firedMs = await waitFor(
      'QuoteBreakerOpen to fire in Prometheus',
      ALERT_BOUND_MS,
      () => breakerAlertIs('firing'),
      1_000,
    );
    await scaleService(QUOTES, 1);
    await waitForHealthy(QUOTES, 1);
    const resolvedMs = await waitFor(
      'QuoteBreakerOpen to resolve in Prometheus',
      ALERT_BOUND_MS,
      () => breakerAlertIs('inactive'),
      1_000,
    );
    note(
      `quotes-service x0: 200, quote from ${response.body.quote.ipAddress}; QuoteBreakerOpen firing ${(firedMs / 1000).toFixed(0)} s after the breaker's calls, resolved ${(resolvedMs / 1000).toFixed(0)} s after quotes-service was healthy again`,
    );
  });

  it('keeps serving through its port when accountservice is scaled to 3 on one node', async () => {
    await scaleService(ACCOUNTS, 3);
    // Host-mode publishing: one task per node can bind the port; the others wait for a node.
    await waitFor(
      'the scale-up to be scheduled',
      60_000,
      async () => {
        const running = await serviceContainers(ACCOUNTS);
        const pending = (await serviceTasks(ACCOUNTS)).filter(
          (t) => t.DesiredState === 'Running' && t.CurrentState.startsWith('Pending'),
        );
        return running.length === 1 && pending.length === 2;
      },
      DOCKER_POLL_MS,
    );
    const pending = (await serviceTasks(ACCOUNTS)).find((t) =>
      t.CurrentState.startsWith('Pending'),
    );
    for (let i = 0; i < 10; i++) {
      expect((await getJson(`${BASE_URL}/accounts/10003`)).status).toBe(200);
    }
    note(
      `accountservice x3 (host mode, 1 node): 1 running, 2 pending (${pending?.Error}); port still serves`,
    );
    await scaleService(ACCOUNTS, 1);
    await waitForHealthy(ACCOUNTS, 1);
  });

  it('restarts a task killed with docker kill, and answers again', async () => {
    const [victim] = await serviceContainers(ACCOUNTS);
    const killedAt = Date.now();
    await docker(['kill', victim.id]);
    let replacement: TaskContainer | undefined;
    await waitFor(
      'Swarm to replace the killed task',
      90_000,
      async () => {
        const containers = await serviceContainers(ACCOUNTS);
        replacement = containers.find((c) => c.id !== victim.id && c.health === 'healthy');
        return replacement !== undefined;
      },
      DOCKER_POLL_MS,
    );
    await waitFor(
      'the replacement to answer',
      30_000,
      async () => {
        return (await getJson(`${BASE_URL}/accounts/10004`)).status === 200;
      },
      DOCKER_POLL_MS,
    );
    const seconds = ((Date.now() - killedAt) / 1000).toFixed(1);
    note(
      `docker kill ${victim.id.slice(0, 12)}: replaced by ${replacement?.id.slice(0, 12)}, serving again after ${seconds} s`,
    );
  });
});

function table(rows: string[][]): string {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  return rows.map((row) => row.map((cell, col) => cell.padEnd(widths[col])).join('  ')).join('\n');
}
