import type { LoadResult } from '@landscape/load';
import { renderHtmlReport } from './html-report';
import { formatSummary } from './text-summary';

const result: LoadResult = {
  plan: {
    baseUrls: ['http://localhost:6767'],
    countField: 'quote.ipAddress',
    path: '/accounts/{id}',
    scenario: { kind: 'article', users: 1000, rampS: 10, pauseS: 1, durationS: 30 },
    timeoutMs: 10_000,
  },
  startedAt: '2026-01-02T03:04:05.000Z',
  run: {
    requests: 29_871,
    durationS: 40.2,
    requestsPerSecond: 743.06,
    meanMs: 1.52,
    p50Ms: 1.2,
    p90Ms: 2.01,
    p99Ms: 5.4,
    maxMs: 41.2,
    errors: { status: 3, timeout: 1, connection: 0 },
    statuses: { '503': 3 },
    fieldCounts: { 'q1/10.0.0.5:8080': 20_000, 'circuit-breaker': 9_871 },
    intervals: [
      {
        second: 1,
        requests: 100,
        errors: 0,
        concurrency: 100,
        meanMs: 1,
        p50Ms: 1,
        p90Ms: 2,
        p99Ms: 3,
        maxMs: 4,
      },
    ],
    distribution: [{ fromMs: 0.5, toMs: 1, requests: 29_871 }],
  },
  footprint: [
    {
      label: 'pid 4242',
      seconds: [1],
      cpuPercent: [24.6],
      memoryMiB: [61.2],
      memoryBeforeMiB: 58.04,
      cpuMeanPercent: 24.6,
      cpuMaxPercent: 24.6,
      memoryMaxMiB: 61.2,
    },
  ],
};

describe('formatSummary', () => {
  it('gives requests, latencies, errors by kind, the counted field and the footprint', () => {
    expect(formatSummary(result)).toBe(
      [
        'target      http://localhost:6767/accounts/{id}',
        'scenario    1000 users ramped over 10 s, each looping for 30 s with a 1 s pause',
        'requests    29,871 in 40.2 s: 743 req/s (busiest second 100)',
        'latency     mean 1.52 ms  p50 1.20 ms  p90 2.01 ms  p99 5.40 ms  max 41.2 ms',
        'errors      4: status 3 (503×3), timeout 1, connection 0',
        'counted     quote.ipAddress: q1/10.0.0.5:8080 ×20,000, circuit-breaker ×9,871',
        'footprint   pid 4242: cpu mean 25 %, max 25 %; memory before 58.0 MiB, max 61.2 MiB',
      ].join('\n'),
    );
  });
});

describe('renderHtmlReport', () => {
  const assets = {
    uplotJs: 'var uPlot = 1;',
    uplotCss: '.u{}',
    pageJs: 'draw();',
    pageCss: 'body{}',
  };

  it('inlines every asset and forbids the page to load anything', () => {
    const html = renderHtmlReport(result, assets);
    expect(html).toContain('<script>var uPlot = 1;</script>');
    expect(html).toContain('<script>draw();</script>');
    expect(html).toContain(
      "content=\"default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'\"",
    );
    expect(html).not.toMatch(/\s(src|href)=/);
  });

  it('embeds the result as JSON that cannot break out of its script element', () => {
    const hostile = {
      ...result,
      plan: { ...result.plan, path: '/x</script><script>alert(1)</script>' },
    };
    const html = renderHtmlReport(hostile, assets);
    const json =
      /<script type="application\/json" id="report-data">(.*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(JSON.parse(json)).toEqual(hostile);
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('<title>Load test of http://localhost:6767/x&#60;/script&#62;');
  });
});
