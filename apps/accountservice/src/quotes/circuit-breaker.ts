export type BreakerState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Calls in the rolling window before failures can open the breaker. */
  volumeThreshold: number;
  /** How long the breaker stays open before it lets one probe through. */
  resetMs: number;
  /** Length of the rolling window, counted in one-second buckets. */
  windowMs?: number;
  now?: () => number;
}

const BUCKET_MS = 1_000;

/**
 * A circuit breaker (the series' part 11, Hystrix-style). Closed, it counts calls and failures
 * over a rolling window, and opens when the window holds at least `volumeThreshold` calls of
 * which at least half failed. Open, it refuses calls; `resetMs` later it half-opens and lets
 * exactly one probe through. The probe's success closes it with an empty window, so that the
 * failures from before the outage cannot re-open it; its failure opens it again.
 */
export class CircuitBreaker {
  private readonly buckets: Array<{ start: number; calls: number; failures: number }>;
  private readonly now: () => number;
  private openedAt: number | undefined;
  private probing = false;
  private readonly listeners: Array<(state: BreakerState) => void> = [];

  constructor(private readonly options: CircuitBreakerOptions) {
    this.now = options.now ?? Date.now;
    const count = Math.max(1, Math.ceil((options.windowMs ?? 10_000) / BUCKET_MS));
    this.buckets = Array.from({ length: count }, () => ({ start: -1, calls: 0, failures: 0 }));
  }

  get state(): BreakerState {
    if (this.openedAt === undefined) return 'closed';
    return this.now() - this.openedAt >= this.options.resetMs ? 'half-open' : 'open';
  }

  /** Whether a call may go out now; when it may, its outcome must be recorded. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.probing) return false;
    this.probing = true;
    return true;
  }

  recordSuccess(): void {
    if (this.probing) {
      this.probing = false;
      this.openedAt = undefined;
      for (const bucket of this.buckets) bucket.start = -1;
      this.emit('closed');
      return;
    }
    this.bucket().calls += 1;
  }

  recordFailure(): void {
    if (this.probing) {
      this.probing = false;
      this.open();
      return;
    }
    const bucket = this.bucket();
    bucket.calls += 1;
    bucket.failures += 1;
    if (this.openedAt !== undefined) return;
    const { calls, failures } = this.totals();
    if (calls >= this.options.volumeThreshold && failures * 2 >= calls) this.open();
  }

  onStateChange(listener: (state: BreakerState) => void): void {
    this.listeners.push(listener);
  }

  private open(): void {
    this.openedAt = this.now();
    this.emit('open');
  }

  private emit(state: BreakerState): void {
    for (const listener of this.listeners) listener(state);
  }

  private bucket() {
    const start = Math.floor(this.now() / BUCKET_MS) * BUCKET_MS;
    const bucket = this.buckets[(start / BUCKET_MS) % this.buckets.length];
    if (bucket.start !== start) Object.assign(bucket, { start, calls: 0, failures: 0 });
    return bucket;
  }

  private totals(): { calls: number; failures: number } {
    const oldest = this.now() - this.buckets.length * BUCKET_MS;
    let calls = 0;
    let failures = 0;
    for (const bucket of this.buckets) {
      if (bucket.start > oldest) {
        calls += bucket.calls;
        failures += bucket.failures;
      }
    }
    return { calls, failures };
  }
}
