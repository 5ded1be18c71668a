import { Inject, Injectable, Logger } from '@nestjs/common';
import { FALLBACK_QUOTE, type Quote } from '@landscape/contracts';
import { QuoteCall } from '@landscape/quote-client';
import { callHeaders, type CallContext } from '@landscape/runtime';
import axios from 'axios';
import {
  ACCOUNT_SERVICE_CONFIG,
  type AccountServiceConfig,
} from '../config/account-service.config';
import { CircuitBreaker } from './circuit-breaker';
import { QuoteMetrics } from './quote-metrics';

/**
 * A quote from quotes-service, behind a circuit breaker: a timeout, a connection error, a
 * non-200 answer or a body that is not a Quote counts as a failure and yields the fallback
 * quote. The caller's request id and trace context go along, so that both services log the same
 * id.
 */
@Injectable()
export class QuoteClient {
  private readonly logger = new Logger(QuoteClient.name);
  private readonly breaker: CircuitBreaker;

  constructor(
    private readonly call: QuoteCall,
    @Inject(ACCOUNT_SERVICE_CONFIG) { quotes }: Pick<AccountServiceConfig, 'quotes'>,
    private readonly metrics: QuoteMetrics,
  ) {
    this.breaker = new CircuitBreaker({
      volumeThreshold: quotes.breakerVolumeThreshold,
      resetMs: quotes.breakerResetMs,
    });
    this.breaker.onStateChange((state) =>
      this.logger.warn(`circuit breaker to quotes-service is ${state}`),
    );
    metrics.watchBreaker(() => this.breaker.state);
  }

  /** A quote from quotes-service, or the fallback quote; never rejects. */
  async getQuote(context: CallContext): Promise<Quote> {
    if (!this.breaker.tryAcquire()) {
      this.metrics.record('short_circuit', 0);
      return FALLBACK_QUOTE;
    }
    const started = performance.now();
    try {
      const quote = await this.call.fetch(callHeaders(context));
      this.breaker.recordSuccess();
      this.metrics.record('success', (performance.now() - started) / 1000);
      return quote;
    } catch (error) {
      this.breaker.recordFailure();
      const outcome = axios.isCancel(error) ? 'timeout' : 'error';
      this.metrics.record(outcome, (performance.now() - started) / 1000);
      this.logger.debug(`quote call failed (${outcome}): ${(error as Error).message}`);
      return FALLBACK_QUOTE;
    }
  }
}
