import { parseLoadtestSummary } from './loadtest-cli';

describe('parseLoadtestSummary', () => {
  it('reads requests, errors, the slowest answer, the counted values and the footprint', () => {
    const stdout = [
      'target      http://127.0.0.1:16767/accounts/{id}',
      'requests    24,000 in 80.1 s: 300 req/s (busiest second 301)',
      'latency     mean 1.52 ms  p50 1.10 ms  p90 2.05 ms  p99 6.14 ms  max 312.4 ms',
      'errors      3: status 0, timeout 0, connection 3',
      'counted     quote.ipAddress: a1b2/10.0.1.5:8080 ×12,001, c3d4/10.0.1.6:8080 ×11,996, circuit-breaker ×3',
      'footprint   service web_accountservice: cpu mean 39 %, max 72 %; memory before 174.6 MiB, max 226.5 MiB',
      'footprint   pid 4242: cpu mean 9 %, max 19 %; memory before 34.6 MiB, max 45.8 MiB',
    ].join('\n');
    expect(parseLoadtestSummary(stdout)).toEqual({
      requests: 24_000,
      errors: 3,
      counted: {
        'a1b2/10.0.1.5:8080': 12_001,
        'c3d4/10.0.1.6:8080': 11_996,
        'circuit-breaker': 3,
      },
      maxMs: 312.4,
      footprint: {
        'service web_accountservice': {
          cpuMeanPercent: 39,
          cpuMaxPercent: 72,
          memoryBeforeMiB: 174.6,
          memoryMaxMiB: 226.5,
        },
        'pid 4242': {
          cpuMeanPercent: 9,
          cpuMaxPercent: 19,
          memoryBeforeMiB: 34.6,
          memoryMaxMiB: 45.8,
        },
      },
    });
  });

  it('says so when there is no summary', () => {
    expect(() => parseLoadtestSummary('loadtest: --rate must be a number')).toThrow(
      'no load test summary',
    );
  });
});
