import { type Account, type SwarmGraph } from '@landscape/contracts';
import {
  collectPageErrors,
  describeLoad,
  DOCKER_POLL_MS,
  fallbackQuotes,
  getJson,
  launchChromium,
  type LoadtestSummary,
  parseLoadtestSummary,
  printSummary,
  runLoadtest,
  type RunningLoadtest,
  runningTasks,
  serviceEnv,
  startLoadtest,
  summaryOfRun,
  waitFor,
  waitForCount,
  waitForRunning,
  waitForText,
} from '@landscape/testing';
import { makeTempDir } from '@landscape/processes';
import { workspaceRoot } from '@nx/devkit';
import { join } from 'node:path';
import {
  clusterAvailable,
  clusterLeftovers,
  clusterNodes,
  clusterScript,
  MANAGER,
  nodeAddress,
  nodeName,
  nodeNumber,
  NODES,
  nodeSocket,
  onManager,
  onNode,
  REGISTRY,
  RELEASE,
} from './support/cluster';

const STACK = 'landscape-cluster-e2e';
const ACCOUNTS = `${STACK}_accountservice`;
const QUOTES = `${STACK}_quotes-service`;
const VISUALIZER = `${STACK}_visualizer`;
const UNPLACEABLE = `${STACK}-unplaceable`;
const SCREENSHOT = join(workspaceRoot, 'docs', 'visualizer-three-nodes.png');
const WORKER = 3; // the node that is partitioned, drained and lost
const BURST = 5; // concurrent requests per node in the spread test
const accountUrl = (n: number) => `http://${nodeAddress(n)}:6767`;
const ALL_NODES = Array.from({ length: NODES }, (_, i) => i + 1);
const nodesBut = (worker: number) => ALL_NODES.filter((n) => n !== worker);

const summary: string[] = [];
const note = (line: string) => summary.push(line);

const onCluster = clusterAvailable() || process.env['CI'] === 'true' ? describe : describe.skip;

/** Fixed-rate load on the accountservice ports of these nodes in turn, counting quote sources. */
function loadAccounts(nodes: number[], rate: number, durationS: number): RunningLoadtest {
  return startLoadtest([
    `--rate=${rate}`,
    `--duration=${durationS}`,
    '--timeout=5000',
    ...nodes.map((n) => `--baseUrl=${accountUrl(n)}`),
    '--count-field=quote.ipAddress',
  ]);
}

async function finished(load: RunningLoadtest): Promise<LoadtestSummary> {
  return summaryOfRun(await load.done);
}

async function waitForAnswers(nodes: number[]) {
  for (const n of nodes) {
    await waitFor(
      `accountservice to answer on ${nodeName(n)}'s port`,
      60_000,
      async () =>
        (await getJson(`${accountUrl(n)}/health`).catch(() => ({ status: 0 }))).status === 200,
      DOCKER_POLL_MS,
    );
  }
}

/** Waits until quotes-service runs NODES tasks, none of them on the worker. */
async function waitForQuotesOff(worker: number, why: string, timeoutMs: number) {
  await waitFor(
    `quotes-service to run ${NODES} tasks without ${nodeName(worker)} (${why})`,
    timeoutMs,
    async () => {
      const quotes = await runningTasks(QUOTES, MANAGER);
      return quotes.length === NODES && quotes.every((task) => task.node !== nodeName(worker));
    },
    DOCKER_POLL_MS,
  );
}

async function waitForNodeState(n: number, state: 'ready' | 'down') {
  await waitFor(
    `${nodeName(n)} to be ${state}`,
    120_000,
    async () =>
      (await clusterNodes()).find((node) => node.hostname === nodeName(n))?.state === state,
    DOCKER_POLL_MS,
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

onCluster(`the landscape on a ${NODES}-node swarm with a registry`, () => {
  beforeAll(async () => {
    await clusterScript('down'); // whatever an earlier run or a crash left
    const started = performance.now();
    await clusterScript('up', ['--nodes', String(NODES)]);
    expect(await clusterScript('up', ['--nodes', String(NODES)])).toMatch(/are up/);
    note(
      `cluster up: ${NODES} nodes and a registry in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    await clusterScript('deploy', [], { IMAGE_TAG: RELEASE, STACK_NAME: STACK });
    await onManager(['service', 'scale', '--detach', `${ACCOUNTS}=${NODES}`, `${QUOTES}=${NODES}`]);
    await waitForRunning(ACCOUNTS, NODES, 120_000, MANAGER);
    await waitForRunning(QUOTES, NODES, 120_000, MANAGER);
    await waitForAnswers(ALL_NODES);
  }, 600_000);

  afterAll(async () => {
    await clusterScript('down');
    printSummary('Cluster test summary', summary);
  }, 120_000);

  it('pulls the images from the registry on every node', async () => {
    for (const service of [ACCOUNTS, QUOTES]) {
      // Swarm pins the tag to the registry's digest, and every node pulls that digest
      const image = await onManager([
        'service',
        'inspect',
        '--format',
        '{{.Spec.TaskTemplate.ContainerSpec.Image}}',
        service,
      ]);
      const [name, digest] = image.split('@');
      expect(name).toMatch(new RegExp(`^${REGISTRY}/landscape/[a-z-]+:${RELEASE}$`));
      expect(digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      const repository = name.slice(0, name.lastIndexOf(':'));
      for (let n = 1; n <= NODES; n++) {
        const pulled = await onNode(n, [
          'image',
          'ls',
          '--digests',
          '--format',
          '{{.Repository}}@{{.Digest}}',
        ]);
        expect(pulled.split('\n')).toContain(`${repository}@${digest}`);
      }
    }
    note(`images: ${REGISTRY}/landscape/*:${RELEASE}, pulled by digest by all ${NODES} nodes`);
  });

  it('spreads accountservice and quotes-service one per node, and quote calls cross nodes', async () => {
    const accounts = await runningTasks(ACCOUNTS, MANAGER);
    const quotes = await runningTasks(QUOTES, MANAGER);
    const everyNode = ALL_NODES.map(nodeName);
    expect(accounts.map((task) => task.node).sort()).toEqual(everyNode);
    expect(quotes.map((task) => task.node).sort()).toEqual(everyNode);

    const nodeOfAccount = (servedBy: string) =>
      accounts.find((task) => task.addresses.includes(servedBy))?.node;
    const nodeOfQuote = (ipAddress: string) =>
      quotes.find((task) => task.containerId.startsWith(ipAddress.split('/')[0]))?.node;
    let crossing = 0;
    let answers = 0;
    // Requests go in bursts: accountservice keeps its quote calls on kept-alive connections, each
    // to the task that DNS round robin named when it opened. One request at a time keeps one
    // connection per node, and all three stayed on their own node's task in 1 of 14 runs.
    for (let round = 0; round < 20; round++) {
      for (let n = 1; n <= NODES; n++) {
        const burst = await Promise.all(
          Array.from({ length: BURST }, (_, i) =>
            getJson<Account>(`${accountUrl(n)}/accounts/${10000 + round * BURST + i}`),
          ),
        );
        for (const response of burst) {
          expect(response.status).toBe(200);
          // the host-mode port of node n is served by node n's task
          expect(nodeOfAccount(response.body.servedBy)).toBe(nodeName(n));
          const quoteNode = nodeOfQuote(response.body.quote.ipAddress);
          expect(quoteNode).toBeDefined(); // a real quote, from a task of the service
          answers += 1;
          if (quoteNode !== nodeName(n)) crossing += 1;
        }
      }
    }
    note(
      `spread: accountservice and quotes-service on ${everyNode.join(', ')}; ${crossing} of ${answers} quotes came from another node over the overlay`,
    );
    expect(crossing).toBeGreaterThan(0);
  });

  it('runs the visualizer on a manager, and its graph shows every node with its role and every task under its node', async () => {
    const nodes = await clusterNodes();
    const [visualizer] = await waitForRunning(VISUALIZER, 1, 120_000, MANAGER);
    expect(nodes.find((node) => node.hostname === visualizer.node)?.role).toBe('manager');
    const manager = nodeNumber(visualizer.node);
    const graphUrl = `http://${nodeAddress(manager)}:6969/api/graph`;
    const services = JSON.parse(
      await onManager(['service', 'inspect', '--format', '{{json .ID}}', ACCOUNTS, QUOTES]).then(
        (ids) => `[${ids.split('\n').join(',')}]`,
      ),
    ) as string[];
    let graph: SwarmGraph | undefined;
    await waitFor(
      'the graph to show every running task of accountservice and quotes-service',
      30_000,
      async () => {
        const response = await getJson<SwarmGraph>(graphUrl).catch(() => undefined);
        graph = response?.body;
        const running = graph?.tasks.filter(
          (task) => services.includes(task.serviceId) && task.state === 'running',
        );
        return running?.length === 2 * NODES;
      },
      DOCKER_POLL_MS,
    );
    expect(
      graph?.nodes
        .map(({ hostname, role }) => ({ hostname, role }))
        .sort((a, b) => a.hostname.localeCompare(b.hostname)),
    ).toEqual(
      nodes
        .map(({ hostname, role }) => ({ hostname, role }))
        .sort((a, b) => a.hostname.localeCompare(b.hostname)),
    );
    const hostnameOf = new Map(graph?.nodes.map((node) => [node.id, node.hostname]));
    const shown = graph?.tasks
      .filter((task) => services.includes(task.serviceId) && task.state === 'running')
      .map((task) => hostnameOf.get(task.nodeId ?? ''))
      .sort();
    const actual = [
      ...(await runningTasks(ACCOUNTS, MANAGER)),
      ...(await runningTasks(QUOTES, MANAGER)),
    ]
      .map((task) => task.node)
      .sort();
    expect(shown).toEqual(actual);
    note(
      `placement: the visualizer on ${visualizer.node} (manager); its graph: ${graph?.nodes.length} nodes, ${shown?.length} tasks under the right node`,
    );
  });

  it('shows every task under its node in the browser, with node details and a running-only toggle', async () => {
    const browser = await launchChromium();
    const errors: string[] = [];
    try {
      const [visualizer] = await waitForRunning(VISUALIZER, 1, 120_000, MANAGER);
      await onManager(['node', 'update', '--label-add', 'zone=east', nodeName(2)]);
      // A service that no node may run: its task waits without a node, never running.
      await onManager([
        'service',
        'create',
        '--detach',
        '--name',
        UNPLACEABLE,
        '--constraint',
        'node.labels.zone==nowhere',
        await onManager([
          'service',
          'inspect',
          '--format',
          '{{.Spec.TaskTemplate.ContainerSpec.Image}}',
          QUOTES,
        ]),
      ]);
      const page = await browser.newPage({ viewport: { width: 1100, height: 640 } });
      collectPageErrors(page, 'visualizer', errors);
      await page.goto(`http://${nodeAddress(nodeNumber(visualizer.node))}:6969/#nodes`);

      const column = (hostname: string) =>
        page.locator('section.node-column', { has: page.locator(`h2:text-is("${hostname}")`) });
      const fact = (hostname: string, field: string) =>
        column(hostname).locator(`dd[data-field="${field}"]`);
      for (const node of await clusterNodes()) {
        const n = nodeNumber(node.hostname);
        const [version, cpus] = (
          await onNode(n, ['info', '--format', '{{.ServerVersion}} {{.NCPU}}'])
        ).split(' ');
        await waitForText(
          fact(node.hostname, 'role'),
          node.role + (n === 1 ? ' (leader)' : ''),
          10_000,
        );
        await waitForText(fact(node.hostname, 'engine'), version, 5_000);
        await waitForText(fact(node.hostname, 'address'), nodeAddress(n), 5_000);
        expect(await fact(node.hostname, 'resources').textContent()).toMatch(
          new RegExp(`^${cpus} CPUs?, [0-9.]+ GiB$`),
        );
      }
      await waitForText(fact(nodeName(2), 'labels'), 'zone=east', 5_000);

      const running = [
        ...(await runningTasks(ACCOUNTS, MANAGER)),
        ...(await runningTasks(QUOTES, MANAGER)),
      ];
      for (const task of running) {
        await column(task.node)
          .locator(`li.task-card[data-id="${task.id}"][data-phase="running"]`)
          .waitFor({ timeout: 10_000 });
      }
      const waiting = page.locator(
        `section.node-column[data-node-id=""] li.task-card[data-service="${UNPLACEABLE}"]`,
      );
      await waitForCount(waiting, 1, 10_000);
      expect(await waiting.getAttribute('data-phase')).toBe('starting');

      const runningCards = await page.locator('li.task-card[data-phase="running"]').count();
      await page.getByLabel('running tasks only').check();
      await waitForCount(waiting, 0, 5_000);
      await waitForCount(page.locator('li.task-card'), runningCards, 5_000);
      await page.getByLabel('running tasks only').uncheck();
      await waitForCount(waiting, 1, 5_000);

      await onManager(['service', 'rm', UNPLACEABLE]);
      await waitForCount(waiting, 0, 10_000);
      await page.screenshot({ path: SCREENSHOT });

      await page.getByRole('button', { name: 'Graph' }).click();
      await page.locator('#graph').waitFor({ state: 'visible', timeout: 5_000 });
      await page.locator('#nodes').waitFor({ state: 'hidden', timeout: 5_000 });
      expect(new URL(page.url()).hash).toBe('');
      await waitForCount(page.locator('g.vertex[data-kind="node"]'), NODES, 5_000);
      await page.getByRole('button', { name: 'Nodes' }).click();
      await waitForCount(page.locator('section.node-column'), NODES, 5_000);
      expect(new URL(page.url()).hash).toBe('#nodes');
      expect(errors).toEqual([]);
      note(
        `visualizer node view: ${NODES} columns with role, engine, address, resources and labels; ` +
          `${running.length} running tasks each under its node; a task with no node hidden by "running tasks only"`,
      );
    } finally {
      await browser.close();
      await onManager(['service', 'rm', UNPLACEABLE]).catch(() => undefined);
      await onManager(['node', 'update', '--label-rm', 'zone', nodeName(2)]).catch(() => undefined);
    }
  });

  it("takes the article's run on all three accountservice ports at once, with each service's footprint read from every node's engine", async () => {
    const [oneTask] = await runningTasks(ACCOUNTS, MANAGER);
    const oneTaskMiB = parseFloat(
      await onNode(nodeNumber(oneTask.node), [
        'stats',
        '--no-stream',
        '--format',
        '{{.MemUsage}}',
        oneTask.containerId,
      ]),
    );
    const reports = makeTempDir('cluster-loadtest');
    const run = await runLoadtest(
      [
        '--users=200',
        '--ramp=3',
        '--pause=0.5',
        '--duration=10',
        ...ALL_NODES.map((n) => `--baseUrl=${accountUrl(n)}`),
        '--count-field=servedBy',
        `--service=${ACCOUNTS}`,
        `--service=${QUOTES}`,
        ...ALL_NODES.map((n) => `--engine=${nodeSocket(n)}`),
        `--report=${join(reports.path, 'cluster.html')}`,
      ],
      120_000,
    ).finally(reports.remove);
    expect(run.code).toBe(0);
    const summary = parseLoadtestSummary(run.stdout);
    expect(summary.errors).toBe(0);
    // round robin over the three ports: each node's task served a third
    const served = Object.values(summary.counted);
    expect(served).toHaveLength(NODES);
    for (const count of served) expect(count).toBeGreaterThan(summary.requests / NODES - 50);

    for (const service of [ACCOUNTS, QUOTES]) {
      expect(summary.footprint[`service ${service}`]?.cpuMaxPercent).toBeGreaterThan(0);
    }
    // read from the three engines: more than two tasks' memory
    expect(summary.footprint[`service ${ACCOUNTS}`]?.memoryBeforeMiB).toBeGreaterThan(
      2 * oneTaskMiB,
    );
    note(
      `the article's run, spread over ${NODES} nodes (one accountservice task before it: ${oneTaskMiB} MiB):\n` +
        run.stdout.replace(/^report .*\n?/m, '').trimEnd(),
    );
  });

  it(`answers within QUOTES_TIMEOUT_MS while ${nodeName(WORKER)}'s overlay traffic is dropped, and recovers`, async () => {
    const quotesTimeoutMs = Number(
      await serviceEnv(ACCOUNTS, 'QUOTES_TIMEOUT_MS', { DOCKER_HOST: nodeSocket(1) }),
    );
    expect(quotesTimeoutMs).toBeGreaterThan(0);
    const cutOff = (await runningTasks(QUOTES, MANAGER)).find(
      (task) => task.node === nodeName(WORKER),
    );
    const [caller] = (await runningTasks(ACCOUNTS, MANAGER)).filter(
      (task) => task.node === nodeName(1),
    );
    expect(cutOff).toBeDefined();
    // From accountservice's task on node 1, over the overlay, to quotes-service's on the worker.
    const reachable = () =>
      onNode(1, [
        'exec',
        caller.containerId,
        '/nodejs/bin/node',
        '-e',
        `fetch('http://${cutOff?.addresses[0]}:8080/health', { signal: AbortSignal.timeout(1000) })` +
          '.then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))',
      ]).then(
        () => true,
        () => false,
      );
    expect(await reachable()).toBe(true);
    const load = loadAccounts(nodesBut(WORKER), 100, 24);
    await sleep(4_000);
    await clusterScript('node', ['partition', String(WORKER)]);
    expect(await reachable()).toBe(false);
    await sleep(11_000);
    await clusterScript('node', ['heal', String(WORKER)]);
    const run = await finished(load);
    note(
      `partition of ${nodeName(WORKER)} (its quotes-service task unreachable over the overlay) for 12 s of 24 s ` +
        `at 100 req/s on the other nodes: ${describeLoad(run)}`,
    );
    expect(run.errors).toBe(0);
    expect(run.maxMs).toBeLessThan(quotesTimeoutMs + 500);
    expect(await reachable()).toBe(true);

    let after: LoadtestSummary | undefined;
    await waitFor(
      'quote calls to recover after the partition healed',
      60_000,
      async () => {
        after = await finished(loadAccounts(nodesBut(WORKER), 50, 3));
        return after.errors === 0 && fallbackQuotes(after) === 0;
      },
      1_000,
    );
    note(`after the partition healed: ${after && describeLoad(after)}`);
  });

  it(`moves ${nodeName(WORKER)}'s tasks when it is drained, with nothing failed on the other nodes`, async () => {
    const load = loadAccounts(nodesBut(WORKER), 100, 30);
    await sleep(4_000);
    const started = performance.now();
    await onManager(['node', 'update', '--availability', 'drain', nodeName(WORKER)]);
    await waitForQuotesOff(WORKER, 'drained', 60_000);
    const movedS = (performance.now() - started) / 1000;
    const accounts = await runningTasks(ACCOUNTS, MANAGER);
    const run = await finished(load);
    note(
      `drain of ${nodeName(WORKER)} at 100 req/s on the other nodes: quotes-service moved in ${movedS.toFixed(1)} s; ` +
        `accountservice runs ${accounts.length} of ${NODES} (host-mode port: one per node); ${describeLoad(run)}`,
    );
    expect(accounts.every((task) => task.node !== nodeName(WORKER))).toBe(true);
    expect(run.errors).toBe(0);
    expect(fallbackQuotes(run)).toBe(0);
    await onManager(['node', 'update', '--availability', 'active', nodeName(WORKER)]);
    await waitForRunning(ACCOUNTS, NODES, 120_000, MANAGER);
  });

  it(`reschedules the tasks of a lost node, and the node rejoins when its engine is back`, async () => {
    const started = performance.now();
    const elapsedS = () => ((performance.now() - started) / 1000).toFixed(1);
    await clusterScript('node', ['stop', String(WORKER)]);
    const stoppedS = elapsedS();
    await waitForNodeState(WORKER, 'down');
    const downS = elapsedS();
    // quotes-service has no host port: its tasks can all run on the nodes that are left
    await waitForQuotesOff(WORKER, 'lost', 120_000);
    const fullS = elapsedS();
    await waitForAnswers(nodesBut(WORKER));

    const rejoin = performance.now();
    await clusterScript('node', ['start', String(WORKER)]);
    await waitForNodeState(WORKER, 'ready');
    await waitForRunning(ACCOUNTS, NODES, 120_000, MANAGER);
    await waitForAnswers([WORKER]);
    note(
      `loss of ${nodeName(WORKER)}: engine stopped at ${stoppedS} s, node down at ${downS} s, ` +
        `quotes-service back to ${NODES} tasks at ${fullS} s; the node rejoined and accountservice ran ${NODES} again ` +
        `${((performance.now() - rejoin) / 1000).toFixed(1)} s after its engine started`,
    );
  });

  it('tears down to nothing, and again', async () => {
    await clusterScript('down');
    expect(await clusterLeftovers()).toEqual([]);
    await clusterScript('down');
    expect(await clusterLeftovers()).toEqual([]);
  });
});
