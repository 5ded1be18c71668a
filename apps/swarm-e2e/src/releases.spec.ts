import { type Account, FALLBACK_QUOTE } from '@landscape/contracts';
import {
  describeLoad,
  docker,
  DOCKER_POLL_MS,
  engineAvailable,
  fallbackQuotes,
  getJson,
  printSummary,
  serviceImage,
  startLoadtest,
  summaryOfRun,
  updateStatus,
  waitFor,
  waitForUpdate,
} from '@landscape/testing';
import {
  deployStack,
  removeStack,
  scaleService,
  serviceContainers,
  waitForHealthy,
} from './support/docker';
import { ACCOUNTSERVICE_PORT, RELEASE, stackEnv } from './support/stack-env';

const STACK = 'landscape-rel';
const ACCOUNTS = `${STACK}_accountservice`;
const QUOTES = `${STACK}_quotes-service`;
const BASE_URL = `http://127.0.0.1:${ACCOUNTSERVICE_PORT}`;
const RATE = 300;

const summary: string[] = [];
const note = (line: string) => summary.push(line);

/** Fixed-rate load on accountservice, counting answers by the source of their quote. */
function loadAccounts() {
  return startLoadtest([
    `--rate=${RATE}`,
    '--duration=600',
    '--timeout=5000',
    `--baseUrl=${BASE_URL}`,
    '--count-field=quote.ipAddress',
    '--report=tmp/loadtest/swarm-release.html',
  ]);
}

/** Tags a copy of release A as a new release, so that Swarm sees a real update to roll. */
async function newRelease(app: string, suffix: string): Promise<string> {
  const image = `someprefix/${app}:${RELEASE}-${suffix}`;
  await docker(['tag', `someprefix/${app}:${RELEASE}`, image]);
  return image;
}

const onEngine = engineAvailable() || process.env['CI'] === 'true' ? describe : describe.skip;

onEngine('releases on a real Docker Swarm', () => {
  beforeAll(async () => {
    await removeStack(STACK);
    await deployStack(STACK, stackEnv());
    await scaleService(QUOTES, 2);
    await waitForHealthy(QUOTES, 2);
    await waitForHealthy(ACCOUNTS, 1);
    await waitFor(
      'accountservice to answer with real quotes',
      60_000,
      async () => {
        const response = await getJson<Account>(`${BASE_URL}/accounts/10000`);
        return (
          response.status === 200 && response.body.quote.ipAddress !== FALLBACK_QUOTE.ipAddress
        );
      },
      DOCKER_POLL_MS,
    );
  });

  afterAll(async () => {
    await removeStack(STACK);
    printSummary('Swarm releases summary', summary);
  });

  it(`rolls quotes-service ×2 (start-first) under ${RATE} req/s with no error and no fallback quote`, async () => {
    const load = loadAccounts();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const image = await newRelease('quotes-service', 'rolled');
    const started = Date.now();
    await docker(['service', 'update', '--detach', '--image', image, QUOTES]);
    await waitForUpdate(QUOTES, 'completed', 240_000);
    const tookS = ((Date.now() - started) / 1000).toFixed(0);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const run = summaryOfRun(await load.stop());
    note(
      `quotes-service ×2 rolled to ${image} in ${tookS} s at ${RATE} req/s: ${describeLoad(run)}`,
    );
    expect(await serviceImage(QUOTES)).toBe(image);
    expect(run.requests).toBeGreaterThan(RATE * 20);
    expect(run.errors).toBe(0);
    expect(fallbackQuotes(run)).toBe(0);
  }, 300_000);

  it('rolls back by itself from a release whose tasks never turn healthy, answering 200 throughout', async () => {
    const good = await serviceImage(QUOTES);
    const broken = `someprefix/quotes-service:${RELEASE}-never-healthy`;
    // Built here from release A: it starts, but never listens, so its health check fails.
    await docker(
      ['build', '--quiet', '--tag', broken, '-'],
      {},
      `FROM ${good}\nCMD ["-e", "setInterval(() => undefined, 60000)"]\n`,
    );
    const load = loadAccounts();
    const started = Date.now();
    const timeline: string[] = [];
    const at = (what: string) =>
      timeline.push(`${((Date.now() - started) / 1000).toFixed(1)} s  ${what}`);
    await docker(['service', 'update', '--detach', '--image', broken, QUOTES]);
    at(`update to ${broken} started`);
    let lastState = '';
    let sawUnhealthy = false;
    await waitFor(
      'Swarm to roll back',
      240_000,
      async () => {
        const { State = '', Message = '' } = await updateStatus(QUOTES);
        if (State !== lastState) {
          at(`update ${State}${Message ? `: ${Message}` : ''}`);
          lastState = State;
        }
        if (!sawUnhealthy) {
          const tasks = await docker([
            'service',
            'ps',
            '--no-trunc',
            '--format',
            '{{.Image}} {{.Error}}',
            QUOTES,
          ]);
          if (tasks.split('\n').some((line) => line.startsWith(broken) && /unhealthy/.test(line))) {
            sawUnhealthy = true;
            at(`a task of ${broken} failed: unhealthy`);
          }
        }
        return State === 'rollback_completed';
      },
      DOCKER_POLL_MS,
    );
    const run = summaryOfRun(await load.stop());
    note(
      `rollback of quotes-service from a never-healthy release:\n  ${timeline.join('\n  ')}\n  load at ${RATE} req/s: ${describeLoad(run)}`,
    );
    expect(await serviceImage(QUOTES)).toBe(good);
    expect(sawUnhealthy).toBe(true);
    expect(run.errors).toBe(0);
    expect(fallbackQuotes(run)).toBe(0);
    await waitForHealthy(QUOTES, 2);
  }, 300_000);

  it('updates accountservice (stop-first, host-mode port on one node) under load, and measures the gap', async () => {
    const [before] = await serviceContainers(ACCOUNTS);
    const oldAddress = before.addresses[`${STACK}_my_network`];
    const load = loadAccounts();
    const probes: Array<{ at: number; ok: boolean; servedBy?: string }> = [];
    let probing = true;
    const probe = (async () => {
      while (probing) {
        const at = Date.now();
        const response = await getJson<Account>(`${BASE_URL}/accounts/10001`, 1_000).catch(
          () => undefined,
        );
        probes.push({ at, ok: response?.status === 200, servedBy: response?.body.servedBy });
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const image = await newRelease('accountservice', 'rolled');
    const started = Date.now();
    await docker(['service', 'update', '--detach', '--image', image, ACCOUNTS]);
    await waitForUpdate(ACCOUNTS, 'completed', 240_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    probing = false;
    await probe;
    const run = summaryOfRun(await load.stop());

    const answered = probes.filter((p) => p.ok);
    let gapMs = 0;
    for (let i = 1; i < answered.length; i++)
      gapMs = Math.max(gapMs, answered[i].at - answered[i - 1].at);
    const firstNew = answered.find((p) => p.at > started && p.servedBy !== oldAddress);
    const firstNewS = firstNew ? ((firstNew.at - started) / 1000).toFixed(1) : 'never';
    note(
      `accountservice rolled to ${image} (stop-first) at ${RATE} req/s: ${describeLoad(run)}; longest gap between answers ${(gapMs / 1000).toFixed(1)} s; first 200 from the new task ${firstNewS} s after the update started`,
    );
    expect(await serviceImage(ACCOUNTS)).toBe(image);
    expect(firstNew).toBeDefined();
    expect(fallbackQuotes(run)).toBe(0);
  }, 300_000);
});
