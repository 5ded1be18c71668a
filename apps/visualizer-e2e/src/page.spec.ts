import {
  browserAvailable,
  builtDocumentPath,
  collectPageErrors,
  type ErrorContractCase,
  errorBodyProblems,
  type FakeDockerEngine,
  frameworkErrorCases,
  launchChromium,
  promtoolAvailable,
  promtoolProblems,
  rawRequest,
  startFakeDockerEngine,
  waitFor,
} from '@landscape/testing';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { startVisualizer, type VisualizerRun } from './support/visualizer';

const canRun = browserAvailable() || process.env['CI'] === 'true';
const canCheckMetrics = promtoolAvailable() || process.env['CI'] === 'true';

describe('the visualizer over HTTP', () => {
  let visualizer: VisualizerRun;
  let engine: FakeDockerEngine;

  beforeAll(async () => {
    visualizer = await startVisualizer();
    engine = await startFakeDockerEngine({ socketPath: visualizer.socketPath });
    await waitFor('the graph', 5_000, async () => (await visualizer.graph()) !== undefined);
  });

  afterAll(async () => {
    await visualizer.stop();
    await engine.close();
  });

  it('serves the page with a CSP that forbids framing, base and form targets', async () => {
    const page = await rawRequest(visualizer.service.url, { path: '/' });
    expect(page.status).toBe(200);
    const csp = String(page.headers['content-security-policy']).split('; ');
    expect(csp).toEqual(
      expect.arrayContaining([
        "default-src 'none'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'none'",
      ]),
    );
  });

  it('serves the OpenAPI document that the build wrote, as it is, and no API reference', async () => {
    const document = await rawRequest(visualizer.service.url, { path: '/openapi.json' });
    expect(document.status).toBe(200);
    expect(document.headers['content-type']).toMatch(/^application\/json/);
    expect(document.text).toBe(readFileSync(builtDocumentPath('visualizer'), 'utf8'));
    expect((await rawRequest(visualizer.service.url, { path: '/api/docs' })).status).toBe(404);
  });

  (canCheckMetrics ? it : it.skip)(
    'exposes metrics that promtool accepts, with its live clients and engine reads',
    async () => {
      const metrics = await rawRequest(visualizer.service.url, { path: '/metrics' });
      expect(metrics.status).toBe(200);
      expect(promtoolProblems(metrics.text)).toBe('');
      expect(metrics.text).toMatch(/^live_clients \d+$/m);
      expect(metrics.text).toMatch(/^engine_read_duration_seconds_count\{outcome="ok"\} [1-9]/m);
      expect(metrics.text).toMatch(/^engine_read_errors_total \d+$/m);
    },
  );

  it.each<ErrorContractCase>([
    ...frameworkErrorCases('/api/graph'),
    { name: 'method HEAD', request: { method: 'HEAD', path: '/api/events' }, status: 405 },
  ])('answers $name with an ErrorBody for $status and no echo', async ({ request, status }) => {
    const response = await rawRequest(visualizer.service.url, request);
    if (request.method === 'HEAD') {
      expect(response.status).toBe(status);
      expect(response.headers['allow']).toBe('GET');
      return;
    }
    expect(errorBodyProblems(response, status, request)).toEqual([]);
  });

  (canRun ? describe : describe.skip)('in a real browser', () => {
    let browser: Browser;
    let page: Page;
    const errors: string[] = [];

    beforeAll(async () => {
      browser = await launchChromium();
      page = await browser.newPage();
      collectPageErrors(page, 'visualizer', errors);
      await page.goto(`${visualizer.service.url}/`);
    });

    afterAll(() => browser?.close());

    const status = () => page.locator('#status');

    it('says the graph is live, then stale with since when while the engine does not answer, then live again', async () => {
      await waitFor(
        'live',
        5_000,
        async () => (await status().getAttribute('data-state')) === 'live',
      );
      expect(await page.locator('g.vertex[data-kind="service"]').count()).toBe(1);

      engine.stall('/tasks');
      await waitFor(
        'stale',
        5_000,
        async () => (await status().getAttribute('data-state')) === 'stale',
      );
      expect(await status().textContent()).toMatch(
        /^engine not answering since \d\d:\d\d:\d\d UTC · last known: 1 nodes, 1 services, 1 tasks$/,
      );
      expect(await page.locator('g.vertex[data-kind="service"]').count()).toBe(1); // kept

      engine.resume();
      await waitFor(
        'live again',
        5_000,
        async () => (await status().getAttribute('data-state')) === 'live',
      );
      expect(errors).toEqual([]);
    });
  });
});
