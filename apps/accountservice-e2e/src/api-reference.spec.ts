import {
  builtDocumentPath,
  collectPageErrors,
  getJson,
  launchChromium,
  waitFor,
} from '@landscape/testing';
import { type BuiltService, freePort, makeTempDir, spawnNode } from '@landscape/processes';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';

describe('accountservice run from its sources, as `nx serve` runs it', () => {
  const dataDir = makeTempDir('accountservice-serve');
  let service: BuiltService;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    service = spawnNode(['-r', '@swc-node/register', 'apps/accountservice/src/serve.ts'], {
      SWC_NODE_PROJECT: 'tsconfig.base.json',
      NODE_ENV: 'development',
      PORT: String(port),
      DATA_DIR: dataDir.path,
    });
    await waitFor('the service from its sources', 60_000, async () =>
      getJson(`${url}/health`).then(
        ({ status }) => status === 200,
        () => false,
      ),
    );
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    dataDir.remove();
  });

  it('serves at /openapi.json the document that the build writes, made from the same code', async () => {
    const served = await getJson(`${url}/openapi.json`);
    expect(served.status).toBe(200);
    expect(served.body).toEqual(
      JSON.parse(readFileSync(builtDocumentPath('accountservice'), 'utf8')),
    );
  });

  it('renders its API reference in Chromium under the pages’ Content-Security-Policy, every route listed', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    const violations: string[] = [];
    collectPageErrors(page, 'api reference', errors);
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const answer = await page.goto(`${url}/api/docs`);
    expect(answer?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('.opblock-summary-path').first().waitFor({ timeout: 15_000 });
    const paths = await page.locator('.opblock-summary-path').allTextContents();
    expect(paths.sort()).toEqual(['/accounts/{id}', '/health', '/metrics', '/openapi.json']);
    expect(violations).toEqual([]);
    // The browser asks for a favicon that the reference does not serve.
    expect(errors.filter((error) => !/404/.test(error))).toEqual([]);
    await page.close();
  });
});
