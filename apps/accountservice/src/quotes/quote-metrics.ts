import { Injectable } from '@nestjs/common';
import { KeyedHistogram } from '@landscape/runtime';
import { Counter, Gauge, Registry } from 'prom-client';
import type { BreakerState } from './circuit-breaker';

/** How a quote call ended. All but success answer the fallback quote. */
export type QuoteOutcome = 'success' | 'timeout' | 'error' | 'short_circuit';

const BREAKER_STATES: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

/**
 * The quote client's metrics: each call's duration and outcome, fallbacks, copies sent for late
 * answers, the breaker's state.
 */
@Injectable()
export class QuoteMetrics {
  private readonly calls: KeyedHistogram;
  private readonly fallbacks: Counter;
  private readonly hedges: Counter;
  private breakerState: () => BreakerState = () => 'closed';

  constructor(registry: Registry) {
    this.calls = new KeyedHistogram(
      'quote_call_duration_seconds',
      'Quote calls to quotes-service by outcome: success, timeout, error, or short_circuit (the breaker was open and no call was made).',
      ['outcome'],
      [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registry,
    );
    this.fallbacks = new Counter({
      name: 'quote_fallbacks_total',
      help: 'Accounts answered with the fallback quote.',
      registers: [registry],
    });
    this.hedges = new Counter({
      name: 'quote_call_hedges_total',
      help: 'Quote calls whose answer was late, so that a copy went out on a fresh connection (QUOTES_HEDGE_AFTER_MS).',
      registers: [registry],
    });
    const state = () => BREAKER_STATES[this.breakerState()];
    new Gauge({
      name: 'quote_breaker_state',
      help: 'The circuit breaker to quotes-service: 0 closed, 1 half-open, 2 open.',
      registers: [registry],
      collect() {
        this.set(state());
      },
    });
  }

  /** Where the gauge reads the breaker's state at each scrape. */
  watchBreaker(state: () => BreakerState): void {
    this.breakerState = state;
  }

  hedged(): void {
    this.hedges.inc();
  }

  record(outcome: QuoteOutcome, seconds: number): void {
    this.calls.observe(outcome, () => [outcome], seconds);
    if (outcome !== 'success') this.fallbacks.inc();
  }
}
