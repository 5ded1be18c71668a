import { Registry } from 'prom-client';
import { KeyedHistogram } from './keyed-histogram';

describe('KeyedHistogram', () => {
  it('exposes cumulative buckets, sum and count per label set', async () => {
    const registry = new Registry();
    const histogram = new KeyedHistogram('t_seconds', 'test', ['route'], [0.1, 1], registry);
    histogram.observe('/a', () => ['/a'], 0.05);
    histogram.observe('/a', () => ['/a'], 0.5);
    histogram.observe('/a', () => ['/a'], 5);
    histogram.observe('/b', () => ['/b'], 0.1);
    expect(await registry.metrics()).toBe(
      [
        '# HELP t_seconds test',
        '# TYPE t_seconds histogram',
        't_seconds_bucket{route="/a",le="0.1"} 1',
        't_seconds_bucket{route="/a",le="1"} 2',
        't_seconds_bucket{route="/a",le="+Inf"} 3',
        't_seconds_sum{route="/a"} 5.55',
        't_seconds_count{route="/a"} 3',
        't_seconds_bucket{route="/b",le="0.1"} 1',
        't_seconds_bucket{route="/b",le="1"} 1',
        't_seconds_bucket{route="/b",le="+Inf"} 1',
        't_seconds_sum{route="/b"} 0.1',
        't_seconds_count{route="/b"} 1',
        '',
      ].join('\n'),
    );
  });
});
