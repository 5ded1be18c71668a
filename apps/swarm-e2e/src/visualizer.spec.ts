import type { SwarmGraph } from '@landscape/contracts';
import {
  browserAvailable,
  collectPageErrors,
  docker,
  engineAvailable,
  getJson,
  launchChromium,
  printNow,
  waitForCount,
  waitForText,
} from '@landscape/testing';
import { type RunningService, startService } from '@landscape/processes';
import { workspaceRoot } from '@nx/devkit';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import {
  deployStack,
  removeStack,
  scaleService,
  serviceContainers,
  SOCKET_PROXY_FILE,
  STACK_FILE,
  waitForHealthy,
} from './support/docker';
import { stackEnv, VISUALIZER_PORT } from './support/stack-env';

const STACK = 'landscape-viz';
const ACCOUNTS = `${STACK}_accountservice`;
const QUOTES = `${STACK}_quotes-service`;
const VISUALIZER = `${STACK}_visualizer`;
const PROXY = `${STACK}_docker-api-proxy`;
const SCREENSHOT = join(workspaceRoot, 'docs', 'visualizer.png');

const canRun = (engineAvailable() && browserAvailable()) || process.env['CI'] === 'true';

const taskCircles = (page: Page, service: string) =>
  page.locator(`g.vertex[data-kind="task"][data-service="${service}"]`);
const serviceVertex = (page: Page, service: string) =>
  page.locator(`g.vertex[data-kind="service"][data-name="${service}"]`);

(canRun ? describe : describe.skip)(
  'the visualizer in a real browser, on a real swarm, behind the socket proxy',
  () => {
    let browser: Browser;
    let page: Page;
    /** A visualizer outside the stack, which must see the stack go away. */
    let outside: RunningService;
    let outsidePage: Page;
    const consoleErrors: string[] = [];

    beforeAll(async () => {
      browser = await launchChromium();
      await removeStack(STACK);
      await deployStack(STACK, stackEnv(), [STACK_FILE, SOCKET_PROXY_FILE]);
      await waitForHealthy(PROXY, 1);
      await waitForHealthy(VISUALIZER, 1);
      await waitForHealthy(QUOTES, 1);
      await waitForHealthy(ACCOUNTS, 1);
      outside = await startService('visualizer');
      page = await openPage(`http://127.0.0.1:${VISUALIZER_PORT}/`);
      outsidePage = await openPage(`${outside.url}/`);
    });

    afterAll(async () => {
      await browser?.close();
      await outside?.stop();
      await removeStack(STACK);
    });

    async function openPage(url: string): Promise<Page> {
      const opened = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      collectPageErrors(opened, url, consoleErrors);
      await opened.goto(url);
      return opened;
    }

    it('shows accountservice and quotes-service with their task counts', async () => {
      await serviceVertex(page, ACCOUNTS).waitFor();
      await waitForText(serviceVertex(page, ACCOUNTS).locator('text'), `${ACCOUNTS} 1/1`, 5_000);
      await waitForText(serviceVertex(page, QUOTES).locator('text'), `${QUOTES} 1/1`, 5_000);
      expect(await taskCircles(page, ACCOUNTS).count()).toBe(1);
      expect(await taskCircles(page, QUOTES).count()).toBe(1);
      expect(await page.locator('g.vertex[data-kind="node"]').count()).toBeGreaterThanOrEqual(1);
    });

    it('shows three quotes-service tasks within 5 s of scaling it to 3', async () => {
      await scaleService(QUOTES, 3);
      const scaledAt = Date.now();
      await waitForCount(taskCircles(page, QUOTES), 3, 5_000);
      printNow(
        `visualizer: 3 quotes-service tasks shown ${Date.now() - scaledAt} ms after the scale\n`,
      );
      await waitForHealthy(QUOTES, 3);
      await waitForText(serviceVertex(page, QUOTES).locator('text'), `${QUOTES} 3/3`, 10_000);
      expect(
        await page.locator(`g.vertex[data-service="${QUOTES}"][data-phase="running"]`).count(),
      ).toBe(3);
    });

    it('shows the details of a clicked task', async () => {
      await taskCircles(page, QUOTES).first().click();
      const details = page.locator('#details');
      await details.waitFor({ state: 'visible', timeout: 2_000 });
      expect(await details.locator('[data-field="image"]').textContent()).toMatch(
        /^someprefix\/quotes-service:/,
      );
      expect(await details.locator('[data-field="state"]').textContent()).toBe(
        'running (desired: running)',
      );
      await page.waitForTimeout(1_500); // let the layout settle for the picture
      await page.screenshot({ path: SCREENSHOT });
    });

    it('filters by service name', async () => {
      await page.fill('#filter', 'quotes');
      await waitForCount(serviceVertex(page, ACCOUNTS), 0, 2_000);
      expect(await taskCircles(page, QUOTES).count()).toBe(3);
      await page.fill('#filter', '');
      await waitForCount(serviceVertex(page, ACCOUNTS), 1, 2_000);
    });

    it('never shows environment variables, and rejects every method but GET', async () => {
      const graph = await getJson<SwarmGraph>(`http://127.0.0.1:${VISUALIZER_PORT}/api/graph`);
      expect(graph.status).toBe(200);
      expect(graph.body.services.map((service) => service.name)).toEqual(
        expect.arrayContaining([ACCOUNTS, QUOTES, VISUALIZER, PROXY]),
      );
      expect(graph.text).not.toMatch(/QUOTES_SERVICE_URL|DATA_DIR|"Env"/);
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'HEAD']) {
        const response = await fetch(`http://127.0.0.1:${VISUALIZER_PORT}/api/graph`, { method });
        expect(response.status).toBe(405);
      }
    });

    it('holds no Docker socket, and reaches the engine only through the proxy, which allows reads only', async () => {
      const [visualizer] = await serviceContainers(VISUALIZER);
      const mounts = JSON.parse(
        await docker(['inspect', '--format', '{{json .Mounts}}', visualizer.id]),
      ) as Array<{ Type: string; Source: string; Destination: string }>;
      expect(mounts.filter((mount) => mount.Type === 'bind')).toEqual([]);
      expect(mounts).toContainEqual(
        expect.objectContaining({ Type: 'tmpfs', Destination: '/var/run/docker.sock' }),
      );
      expect(Object.keys(visualizer.addresses).sort()).toEqual([
        `${STACK}_default`,
        `${STACK}_docker_api`,
      ]);

      // From inside the visualizer's container, with its own node: distroless has no shell.
      const ask = async (method: string, path: string) =>
        docker([
          'exec',
          visualizer.id,
          '/nodejs/bin/node',
          '-e',
          `fetch('http://docker-api-proxy:2375${path}', { method: '${method}' }).then((r) => console.log(r.status))`,
        ]);
      expect(await ask('GET', '/v1.41/nodes')).toBe('200');
      expect(await ask('GET', '/v1.41/containers/json')).toBe('403');
      expect(await ask('GET', '/v1.41/secrets')).toBe('403');
      expect(await ask('POST', '/v1.41/services/create')).toBe('405');
      expect(await ask('DELETE', `/v1.41/services/${ACCOUNTS}`)).toBe('405');
    });

    it('removes the services and tasks from the graph when the stack is removed', async () => {
      await serviceVertex(outsidePage, ACCOUNTS).waitFor();
      // The page served by the stack's own visualizer would lose its server: close it first.
      await page.close();
      await removeStack(STACK);
      await waitForCount(serviceVertex(outsidePage, ACCOUNTS), 0, 5_000);
      await waitForCount(serviceVertex(outsidePage, QUOTES), 0, 5_000);
      expect(await outsidePage.locator(`g.vertex[data-service^="${STACK}_"]`).count()).toBe(0);
      expect(consoleErrors).toEqual([]);
    });
  },
);
