import { build, type Histogram } from 'hdr-histogram-js';
import { type ErrorKind, errorTotal, type Outcome } from './outcome';

/** Latencies are kept in microseconds, from 1 µs to 10 minutes, to three significant digits. */
const newHistogram = (): Histogram =>
  build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 600_000_000,
    numberOfSignificantValueDigits: 3,
  });

export interface LatencySummary {
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** One second of the run. */
export interface Interval extends LatencySummary {
  /** Seconds since the start, at the end of this interval. */
  second: number;
  requests: number;
  errors: number;
  /** Virtual users or open connections at the end of this interval. */
  concurrency: number;
}

/** Share of requests whose latency falls in [fromMs, toMs). */
export interface DistributionBucket {
  fromMs: number;
  toMs: number;
  requests: number;
}

export interface RecordedRun extends LatencySummary {
  requests: number;
  durationS: number;
  requestsPerSecond: number;
  errors: Record<ErrorKind, number>;
  /** Count per non-200 status code. */
  statuses: Record<string, number>;
  /** Count per value of the counted field (--count-field), when there is one. */
  fieldCounts: Record<string, number>;
  intervals: Interval[];
  distribution: DistributionBucket[];
}

const DISTRIBUTION_BUCKETS = 40;

/** Counts every outcome into the whole run's histogram and the current one-second interval. */
export class Recorder {
  private readonly total = newHistogram();
  private readonly bins = new FineBins();
  private current = newHistogram();
  private currentErrors = 0;
  private readonly intervals: Interval[] = [];
  private readonly errors: Record<ErrorKind, number> = { status: 0, timeout: 0, connection: 0 };
  private readonly statuses: Record<string, number> = {};
  private readonly fieldCounts = new Map<string, number>();
  private readonly startedAt = performance.now();

  record(outcome: Outcome): void {
    const latency = Math.max(1, Math.round(outcome.latencyUs));
    this.total.recordValue(latency);
    this.current.recordValue(latency);
    this.bins.add(latency);
    if (outcome.field !== undefined) {
      this.fieldCounts.set(outcome.field, (this.fieldCounts.get(outcome.field) ?? 0) + 1);
    }
    if (outcome.error) {
      this.errors[outcome.error] += 1;
      this.currentErrors += 1;
      if (outcome.status !== undefined) {
        this.statuses[outcome.status] = (this.statuses[outcome.status] ?? 0) + 1;
      }
    }
  }

  /** Closes the current interval; called once a second. */
  tick(concurrency: number): Interval {
    const interval: Interval = {
      second: Math.round(this.elapsedS()),
      requests: this.current.totalCount,
      errors: this.currentErrors,
      concurrency,
      ...summarize(this.current),
    };
    this.intervals.push(interval);
    this.current = newHistogram();
    this.currentErrors = 0;
    return interval;
  }

  get requests(): number {
    return this.total.totalCount;
  }

  get errorCount(): number {
    return errorTotal(this.errors);
  }

  elapsedS(): number {
    return (performance.now() - this.startedAt) / 1000;
  }

  finish(concurrency = 0): RecordedRun {
    if (this.current.totalCount > 0) this.tick(concurrency);
    const durationS = this.elapsedS();
    return {
      requests: this.total.totalCount,
      durationS,
      requestsPerSecond: this.total.totalCount / durationS,
      errors: { ...this.errors },
      statuses: { ...this.statuses },
      fieldCounts: Object.fromEntries(this.fieldCounts),
      intervals: this.intervals,
      distribution: this.bins.regroup(this.total),
      ...summarize(this.total),
    };
  }
}

function summarize(histogram: Histogram): LatencySummary {
  if (histogram.totalCount === 0) return { meanMs: 0, p50Ms: 0, p90Ms: 0, p99Ms: 0, maxMs: 0 };
  return {
    meanMs: histogram.mean / 1000,
    p50Ms: histogram.getValueAtPercentile(50) / 1000,
    p90Ms: histogram.getValueAtPercentile(90) / 1000,
    p99Ms: histogram.getValueAtPercentile(99) / 1000,
    maxMs: histogram.maxValue / 1000,
  };
}

/**
 * Counts latencies in fine logarithmic bins (2.3 % wide), which the report regroups into equal-width
 * buckets once the range is known; hdr-histogram-js answers percentiles but not counts.
 */
class FineBins {
  private static readonly PER_DECADE = 100;
  private readonly counts = new Uint32Array(FineBins.PER_DECADE * 9 + 1);

  add(latencyUs: number): void {
    this.counts[
      Math.min(this.counts.length - 1, Math.floor(Math.log10(latencyUs) * FineBins.PER_DECADE))
    ] += 1;
  }

  /**
   * Equal-width buckets from the fastest answer to the 99.9th percentile; the rare slower ones go
   * in the last bucket, so that one stall does not squash the chart.
   */
  regroup(histogram: Histogram): DistributionBucket[] {
    if (histogram.totalCount === 0) return [];
    const from = histogram.minNonZeroValue;
    const to = Math.max(histogram.getValueAtPercentile(99.9), from + DISTRIBUTION_BUCKETS);
    const width = (to - from) / DISTRIBUTION_BUCKETS;
    const buckets: DistributionBucket[] = Array.from(
      { length: DISTRIBUTION_BUCKETS },
      (_, index) => ({
        fromMs: (from + width * index) / 1000,
        toMs: (from + width * (index + 1)) / 1000,
        requests: 0,
      }),
    );
    this.counts.forEach((count, bin) => {
      if (count === 0) return;
      const middleUs = 10 ** ((bin + 0.5) / FineBins.PER_DECADE);
      const index = Math.floor((middleUs - from) / width);
      buckets[Math.max(0, Math.min(DISTRIBUTION_BUCKETS - 1, index))].requests += count;
    });
    return buckets;
  }
}
