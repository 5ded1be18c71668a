import { type Account, FALLBACK_QUOTE, type SwarmGraph } from '@landscape/contracts';
import {
  describeLoad,
  docker,
  fallbackQuotes,
  getJson,
  printSummary,
  type RunningLoadtest,
  runningTasks,
  serviceImage,
  startLoadtest,
  summaryOfRun,
  taskHistory,
  waitFor,
  waitForRunning,
  waitForUpdate,
} from '@landscape/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ACCOUNTS_URL,
  GUEST_ADDRESS,
  GUEST_ENGINE,
  GUEST_POLL_MS,
  inGuest,
  RELEASE,
  registryImage,
  VISUALIZER_URL,
  VM_RUN,
  vmAvailable,
  vmLeftovers,
  vmScript,
} from './support/vm';

const STACK = 'landscape';
const ACCOUNTS = `${STACK}_accountservice`;
const QUOTES = `${STACK}_quotes-service`;
const VISUALIZER = `${STACK}_visualizer`;
// Emulated CPUs: a few requests a second already keep the guest busy while a task starts.
const RATE = 3;

const summary: string[] = [];
const note = (line: string) => summary.push(line);
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(0);

const onVm = vmAvailable() || process.env['CI'] === 'true' ? describe : describe.skip;

/** Fixed-rate load on accountservice through the routing mesh, counting quote sources. */
function loadAccounts(rate: number, durationS: number) {
  return startLoadtest([
    `--rate=${rate}`,
    `--connections=${rate}`,
    `--duration=${durationS}`,
    '--timeout=10000',
    `--baseUrl=${ACCOUNTS_URL}`,
    '--count-field=quote.ipAddress',
  ]);
}

/** Stops a load run: its summary, and the tool's own line of errors by kind when any failed. */
async function stopLoad(load: RunningLoadtest) {
  const output = await load.stop();
  const run = summaryOfRun(output);
  const errorKinds = run.errors > 0 ? ` (${/^errors +(.*)$/m.exec(output.stdout)?.[1]})` : '';
  return { run, errorKinds };
}

onVm("the stack's defaults in a QEMU guest: a stock kernel and a current engine", () => {
  beforeAll(async () => {
    await vmScript('down'); // whatever an earlier run or a crash left
    let since = performance.now();
    note(
      (await vmScript('up'))
        .split('\n')
        .filter((line) => /^vm up: (Docker|booting)/.test(line))
        .join('; '),
    );
    note(`guest up in ${seconds(since)} s`);
    since = performance.now();
    const deployed = await vmScript('deploy', { IMAGE_TAG: RELEASE, STACK_NAME: STACK });
    note(
      deployed.split('\n').find((line) => line.startsWith('vm deploy: TCG')) ?? 'no TCG timings',
    );
    // each service's second task starts beside its first
    await inGuest(['service', 'scale', '--detach', `${ACCOUNTS}=2`, `${QUOTES}=2`]);
    await waitFor(
      'accountservice to answer through the mesh with a real quote',
      300_000,
      async () => {
        const { status, body } = await getJson<Account>(`${ACCOUNTS_URL}/accounts/10000`);
        return status === 200 && body.quote.ipAddress !== FALLBACK_QUOTE.ipAddress;
      },
      1_000,
    );
    await waitForRunning(ACCOUNTS, 2, 180_000, GUEST_ENGINE, GUEST_POLL_MS);
    await waitForRunning(QUOTES, 2, 180_000, GUEST_ENGINE, GUEST_POLL_MS);
    note(`deployed, scaled and answering with a real quote in ${seconds(since)} s`);
  }, 720_000);

  afterAll(async () => {
    await vmScript('down');
    printSummary('VM test summary', summary);
  }, 120_000);

  it("runs Debian's stock kernel with IPVS and Docker 26 or later, with the stack's defaults", async () => {
    const [engine, kernel] = (
      await inGuest(['version', '--format', '{{.Server.Version}} {{.Server.KernelVersion}}'])
    ).split(' ');
    expect(Number(engine.split('.')[0])).toBeGreaterThanOrEqual(26);
    expect(kernel).toMatch(/^\d+\.\d+\.\d+\+deb\d+-amd64$/);
    for (const service of [ACCOUNTS, QUOTES, VISUALIZER]) {
      const mode = await inGuest([
        'service',
        'inspect',
        '--format',
        '{{.Spec.EndpointSpec.Mode}} {{range .Spec.EndpointSpec.Ports}}{{.PublishMode}}{{end}}',
        service,
      ]);
      expect(mode.split(' ')[0]).toBe('vip');
      if (service !== QUOTES) expect(mode.split(' ')[1]).toBe('ingress');
    }
    const order = await inGuest([
      'service',
      'inspect',
      '--format',
      '{{.Spec.UpdateConfig.Order}}',
      ACCOUNTS,
    ]);
    expect(order).toBe('start-first');
    const accel = readFileSync(join(VM_RUN, 'accel'), 'utf8').trim();
    note(`Docker ${engine} on ${kernel}, ${accel}; virtual IPs, the ingress mesh, start-first`);
  });

  it('spreads the quote calls over both quotes-service tasks behind one virtual IP', async () => {
    const [network, vip] = (
      await inGuest([
        'service',
        'inspect',
        '--format',
        '{{range .Endpoint.VirtualIPs}}{{.NetworkID}} {{.Addr}}{{end}}',
        QUOTES,
      ])
    ).split(' ');
    expect(network).toMatch(/^\w+$/);
    const virtualIp = vip.split('/')[0];
    const [account] = await runningTasks(ACCOUNTS, GUEST_ENGINE);
    // the service's name resolves, in a task of accountservice, to the virtual IP alone
    const resolved = await inGuest([
      'exec',
      account.containerId,
      '/nodejs/bin/node',
      '-e',
      "require('node:dns').lookup('quotes-service', { all: true }, (e, a) => console.log(e ? e.code : a.map((x) => x.address).join(',')))",
    ]);
    expect(resolved).toBe(virtualIp);

    const quotes = await runningTasks(QUOTES, GUEST_ENGINE);
    const run = summaryOfRun(await loadAccounts(RATE, 20).done);
    expect(run.errors).toBe(0);
    expect(fallbackQuotes(run)).toBe(0);
    const byTask = quotes.map((task) =>
      Object.entries(run.counted)
        .filter(([source]) => task.containerId.startsWith(source.split('/')[0]))
        .reduce((sum, [, times]) => sum + times, 0),
    );
    expect(byTask.every((times) => times > 0)).toBe(true);
    expect(byTask.reduce((sum, times) => sum + times, 0)).toBe(run.requests);
    note(
      `VIP: quotes-service ×2 behind ${vip}, which its name resolves to; quotes from the tasks ×${byTask.join(', ×')} (${describeLoad(run)})`,
    );
  });

  it("answers from both accountservice tasks through the routing mesh's one published port", async () => {
    const tasks = await runningTasks(ACCOUNTS, GUEST_ENGINE);
    const servedBy = new Map<string, number>();
    for (let i = 0; i < 16; i++) {
      // a fresh connection each time: IPVS balances connections, not requests
      const { status, body } = await getJson<Account>(`${ACCOUNTS_URL}/accounts/${10000 + i}`);
      expect(status).toBe(200);
      servedBy.set(body.servedBy, (servedBy.get(body.servedBy) ?? 0) + 1);
    }
    const perTask = tasks.map((task) =>
      task.addresses.reduce((sum, address) => sum + (servedBy.get(address) ?? 0), 0),
    );
    expect(perTask.every((times) => times > 0)).toBe(true);
    expect(perTask.reduce((sum, times) => sum + times, 0)).toBe(16);
    note(
      `mesh: ${ACCOUNTS_URL} (the guest's ${GUEST_ADDRESS}:6767) answered from the 2 tasks ×${perTask.join(', ×')}`,
    );
  });

  it(`updates accountservice start-first under ${RATE} req/s with no request failed`, async () => {
    const before = (await runningTasks(ACCOUNTS, GUEST_ENGINE)).map((task) => task.id);
    const load = loadAccounts(RATE, 600);
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const since = performance.now();
    await inGuest(['service', 'update', '--detach', '--force', ACCOUNTS]);
    await waitForUpdate(ACCOUNTS, 'completed', 480_000, GUEST_ENGINE, GUEST_POLL_MS);
    const tookS = seconds(since);
    const { run, errorKinds } = await stopLoad(load);
    note(
      `update: accountservice ×2 start-first in ${tookS} s at ${RATE} req/s: ${describeLoad(run)}${errorKinds}`,
    );
    const history = await taskHistory(ACCOUNTS, GUEST_ENGINE);
    expect(history.filter((line) => / (Failed|Rejected) /.test(line))).toEqual([]);
    const after = (await waitForRunning(ACCOUNTS, 2, 60_000, GUEST_ENGINE, GUEST_POLL_MS)).map(
      (task) => task.id,
    );
    expect(after.filter((id) => before.includes(id))).toEqual([]);
    expect(run.errors).toBe(0);
    expect(fallbackQuotes(run)).toBe(0);
    expect(run.requests).toBeGreaterThan(RATE * Number(tookS) * 0.9);
  }, 600_000);

  it('rolls accountservice back by itself from a release whose tasks never turn healthy', async () => {
    const good = await serviceImage(ACCOUNTS, GUEST_ENGINE);
    const broken = registryImage('accountservice', `${RELEASE}-never-healthy`);
    // Built from the release: it starts, but never listens, so its health check fails.
    await docker(
      ['build', '--quiet', '--tag', broken.pushed, '-'],
      {},
      `FROM someprefix/accountservice:${RELEASE}\nCMD ["-e", "setInterval(() => undefined, 60000)"]\n`,
    );
    await docker(['push', '--quiet', broken.pushed]);
    const load = loadAccounts(RATE, 600);
    const since = performance.now();
    await inGuest(['service', 'update', '--detach', '--image', broken.pulled, ACCOUNTS]);
    await waitForUpdate(ACCOUNTS, 'rollback_completed', 480_000, GUEST_ENGINE, GUEST_POLL_MS);
    const tookS = seconds(since);
    const { run, errorKinds } = await stopLoad(load);
    const failures = await inGuest([
      'service',
      'ps',
      '--no-trunc',
      '--format',
      '{{.Image}} {{.Error}}',
      ACCOUNTS,
    ]);
    note(
      `rollback: accountservice back from a never-healthy release in ${tookS} s: ${describeLoad(run)}${errorKinds}`,
    );
    expect(await serviceImage(ACCOUNTS, GUEST_ENGINE)).toBe(good);
    expect(
      failures.split('\n').some((line) => line.startsWith(broken.pulled) && /unhealthy/.test(line)),
    ).toBe(true);
    expect(run.errors).toBe(0);
    expect(fallbackQuotes(run)).toBe(0);
  }, 600_000);

  it("shows the guest's node, services and tasks in the visualizer, through the mesh", async () => {
    let graph: SwarmGraph | undefined;
    await waitFor(
      'the visualizer to show accountservice and quotes-service ×2',
      90_000,
      async () => {
        graph = (await getJson<SwarmGraph>(`${VISUALIZER_URL}/api/graph`)).body;
        const replicas = (name: string) => graph?.services.find((service) => service.name === name);
        return [ACCOUNTS, QUOTES].every((name) => replicas(name)?.runningReplicas === 2);
      },
      2_000,
    );
    const node = graph?.nodes[0];
    expect(graph?.nodes).toHaveLength(1);
    expect(node?.address).toBe(GUEST_ADDRESS);
    expect(node?.engineVersion).toMatch(/^2[6-9]\.|^[3-9]\d\./);
    expect(graph?.services.map((service) => service.name).sort()).toEqual(
      [ACCOUNTS, QUOTES, VISUALIZER].sort(),
    );
    note(
      `visualizer: node ${node?.hostname} (${node?.address}, Docker ${node?.engineVersion}), ${graph?.services.length} services, ${graph?.tasks.length} tasks`,
    );
  });

  it('tears down to nothing, and again', async () => {
    await vmScript('down');
    expect(await vmLeftovers()).toEqual([]);
    await vmScript('down');
    expect(await vmLeftovers()).toEqual([]);
  });
});
