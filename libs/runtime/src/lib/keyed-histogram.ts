import type { Registry } from 'prom-client';

interface Series {
  labels: Record<string, string>;
  buckets: Float64Array;
  count: number;
  sum: number;
}

/**
 * A Prometheus histogram for hot paths: observe() finds its series by one string key and
 * increments an array. prom-client's own Histogram validates and hashes its label object on
 * every observe(), which costs throughput at peak; this one registers with the same
 * registry and is exposed the same way (cumulative `_bucket` series with `le`, `_sum`, `_count`).
 */
export class KeyedHistogram {
  readonly type = 'histogram';
  readonly aggregator = 'sum';
  private readonly series = new Map<string, Series>();

  constructor(
    readonly name: string,
    readonly help: string,
    private readonly labelNames: readonly string[],
    private readonly upperBounds: readonly number[],
    registry: Registry,
  ) {
    registry.registerMetric(this as never);
  }

  /** `key` identifies `labelValues`, given in labelNames' order; callers build it cheaply. */
  observe(key: string, labelValues: () => string[], value: number): void {
    let series = this.series.get(key);
    if (!series) {
      const values = labelValues();
      series = {
        labels: Object.fromEntries(this.labelNames.map((name, i) => [name, values[i]])),
        buckets: new Float64Array(this.upperBounds.length),
        count: 0,
        sum: 0,
      };
      this.series.set(key, series);
    }
    let bucket = 0;
    while (bucket < this.upperBounds.length && value > this.upperBounds[bucket]) bucket += 1;
    if (bucket < this.upperBounds.length) series.buckets[bucket] += 1;
    series.count += 1;
    series.sum += value;
  }

  /** What prom-client's registry asks of a metric. */
  get() {
    const values = [...this.series.values()].flatMap(({ labels, buckets, count, sum }) => {
      let cumulative = 0;
      return [
        ...this.upperBounds.map((le, i) => {
          cumulative += buckets[i];
          return {
            labels: { ...labels, le },
            value: cumulative,
            metricName: `${this.name}_bucket`,
          };
        }),
        { labels: { ...labels, le: '+Inf' }, value: count, metricName: `${this.name}_bucket` },
        { labels, value: sum, metricName: `${this.name}_sum` },
        { labels, value: count, metricName: `${this.name}_count` },
      ];
    });
    return {
      name: this.name,
      help: this.help,
      type: this.type,
      values,
      aggregator: this.aggregator,
    };
  }
}
