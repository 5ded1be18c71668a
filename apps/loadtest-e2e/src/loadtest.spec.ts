import { browserAvailable, type CliRun, collectPageErrors, launchChromium, runLoadtest } from '@landscape/testing';
import { makeTempDir, type RunningService, startService, type TempDir } from '@landscape/processes';
import { workspaceRoot } from '@nx/devkit';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';

const SCREENSHOT = join(workspaceRoot, 'docs', 'loadtest-report.png');
const canBrowse = browserAvailable() || process.env['CI'] === 'true';

/** The value after `name` in the summary, e.g. line(stdout, 'requests'). */
const line = (stdout: string, name: string) =>
  new RegExp(`^${name} +(.*)$`, 'm').exec(stdout)?.[1] ?? `(no ${name} line in:\n${stdout})`;

describe('the load test tool against a real accountservice', () => {
  let dataDir: TempDir;
  let reports: TempDir;
  let accountservice: RunningService;
  /** The article's scenario, shrunk: 40 users ramped over 1 s, 0.1 s pause, 5 s each. */
  let article: CliRun;
  let reportPath: string;

  beforeAll(async () => {
    dataDir = makeTempDir('loadtest-e2e-data');
    reports = makeTempDir('loadtest-e2e-reports');
    accountservice = await startService('accountservice', {
      DATA_DIR: dataDir.path,
      QUOTES_SERVICE_URL: 'http://127.0.0.1:1', // quotes-service down: the fallback quote
    });
    reportPath = join(reports.path, 'article.html');
    article = await runLoadtest([
      '--users=40',
      '--ramp=1',
      '--pause=0.1',
      '--duration=5',
      `--baseUrl=${accountservice.url}`,
      `--pid=${accountservice.process.pid}`,
      `--report=${reportPath}`,
    ]);
  });

  afterAll(async () => {
    await accountservice?.stop();
    dataDir?.remove();
    reports?.remove();
  });

  it('runs the scenario with every answer 200 and prints a one-screen summary', () => {
    expect(article).toMatchObject({ code: 0 });
    const requests = /^([\d,]+) in ([\d.]+) s: ([\d,]+) req\/s/.exec(
      line(article.stdout, 'requests'),
    );
    // 40 users × ~5 s / (0.1 s pause + a few ms) ≈ 1,900 requests
    expect(Number(requests?.[1].replace(/,/g, ''))).toBeGreaterThan(1000);
    expect(line(article.stdout, 'latency')).toMatch(
      /^mean [\d.]+ ms {2}p50 [\d.]+ ms {2}p90 [\d.]+ ms {2}p99 [\d.]+ ms {2}max [\d.]+ ms$/,
    );
    expect(line(article.stdout, 'errors')).toBe('0: status 0, timeout 0, connection 0');
    expect(article.stdout.split('\n').filter(Boolean).length).toBeLessThanOrEqual(10);
  });

  it("samples the target's CPU and memory by pid", () => {
    const footprint = new RegExp(
      `^pid ${accountservice.process.pid}: cpu mean (\\d+) %, max (\\d+) %; memory before ([\\d.]+) MiB, max ([\\d.]+) MiB$`,
    ).exec(line(article.stdout, 'footprint'));
    expect(footprint).not.toBeNull();
    expect(Number(footprint?.[2])).toBeGreaterThan(0);
    expect(Number(footprint?.[3])).toBeGreaterThan(20);
  });

  it('shows a progress line while it runs and writes the report where it says', () => {
    expect(article.stderr).toMatch(
      /^ +\d\/6 s {2}[\d,]+ req\/s {2}p99 [\d.]+ ms {2}active \d+ {2}requests [\d,]+ {2}errors 0 {2}pid \d+ \d+ % [\d.]+ MiB$/m,
    );
    expect(line(article.stdout, 'report')).toBe(reportPath);
    expect(existsSync(reportPath)).toBe(true);
  });

  it('holds a fixed rate: 300 req/s for 2 s is 600 requests', async () => {
    const run = await runLoadtest([
      '--rate=300',
      '--duration=2',
      `--baseUrl=${accountservice.url}`,
      `--report=${join(reports.path, 'rate.html')}`,
    ]);
    expect(run.code).toBe(0);
    expect(line(run.stdout, 'requests')).toMatch(/^600 in \d+\.\d s: /);
  });

  it('counts answers other than 200 (an unknown account) as status errors and exits 1', async () => {
    const run = await runLoadtest([
      '--connections=2',
      '--duration=1',
      `--baseUrl=${accountservice.url}`,
      '--path=/accounts/99',
      `--report=${join(reports.path, 'errors.html')}`,
    ]);
    expect(run.code).toBe(1);
    expect(line(run.stdout, 'errors')).toMatch(
      /^([\d,]+): status \1 \(404×\1\), timeout 0, connection 0$/,
    );
    expect(line(run.stdout, 'check')).toMatch(/^[\d,]+ of [\d,]+ answers were not 200$/);
  });

  it('counts a target that is not there as connection errors', async () => {
    const run = await runLoadtest([
      '--rate=20',
      '--duration=1',
      '--baseUrl=http://127.0.0.1:1',
      `--report=${join(reports.path, 'down.html')}`,
    ]);
    expect(run.code).toBe(1);
    expect(line(run.stdout, 'errors')).toBe('20: status 0, timeout 0, connection 20');
  });

  it('rejects bad options with one clear line and exit code 2', async () => {
    const run = await runLoadtest(['--rate=fast']);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'loadtest: --rate must be a number from 1 to 1000000, got "fast"\nRun with --help for the options.\n',
    });
    const gone = await runLoadtest(['--rate=10', '--duration=1', '--pid=999999999']);
    expect(gone.code).toBe(2);
    expect(gone.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  (canBrowse ? describe : describe.skip)('its HTML report, in a real browser', () => {
    let browser: Browser;
    let page: Page;
    const errors: string[] = [];
    const requested: string[] = [];

    beforeAll(async () => {
      browser = await launchChromium();
      page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      collectPageErrors(page, 'report', errors);
      page.on('request', (request) => requested.push(request.url()));
      await page.goto(pathToFileURL(reportPath).href);
      await page.locator('figure.chart[data-points]').nth(4).waitFor({ timeout: 10_000 });
    });

    afterAll(() => browser?.close());

    it('draws the five charts, each from data', async () => {
      const charts = await page.$$eval('figure.chart', (figures) =>
        figures.map((figure) => ({
          name: (figure as HTMLElement).dataset['chart'],
          points: Number((figure as HTMLElement).dataset['points']),
        })),
      );
      expect(charts.map((chart) => chart.name)).toEqual([
        'requests',
        'latency',
        'distribution',
        'cpu',
        'memory',
      ]);
      // 40 distribution buckets; the others a value per second and series (at least 4 seconds).
      expect(charts[2].points).toBe(40);
      charts.forEach((chart) => expect(chart.points).toBeGreaterThanOrEqual(4));
    });

    it('paints lines and bars on every canvas', async () => {
      const painted = await page.$$eval('figure.chart canvas', (canvases) =>
        canvases.map((canvas) => {
          const { width, height } = canvas as HTMLCanvasElement;
          const context = (canvas as HTMLCanvasElement).getContext('2d');
          if (!context) return 0;
          const { data } = context.getImageData(0, 0, width, height);
          let coloured = 0;
          for (let index = 0; index < data.length; index += 4) {
            const [r, g, b, a] = [data[index], data[index + 1], data[index + 2], data[index + 3]];
            if (a > 0 && Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured += 1;
          }
          return coloured;
        }),
      );
      expect(painted).toHaveLength(5);
      painted.forEach((pixels) => expect(pixels).toBeGreaterThan(200));
    });

    it('shows the summary and loads nothing from the network, without console errors', async () => {
      expect(await page.locator('table.summary tr').count()).toBe(7);
      expect(requested).toEqual([pathToFileURL(reportPath).href]);
      await page.screenshot({ path: SCREENSHOT, fullPage: true });
      expect(errors).toEqual([]);
    });
  });
});
