import { HttpService } from '@nestjs/axios';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { FALLBACK_QUOTE, parseQuote, type Quote, QUOTE_STRENGTH } from '@landscape/contracts';
import { callHeaders, type CallContext } from '@landscape/runtime';
import axios from 'axios';
import {
  type QuoteClientOptions,
  ACCOUNT_SERVICE_CONFIG,
  type AccountServiceConfig,
} from '../config/account-service.config';
import { type BreakerState, CircuitBreaker } from './circuit-breaker';
import { startDeadline } from './deadline';
import { QuoteMetrics } from './quote-metrics';

const MAX_QUOTE_BODY_BYTES = 64 * 1024;

/**
 * Fetches a quote from quotes-service, behind a circuit breaker: a timeout, a connection error,
 * a non-200 answer or a body that is not a Quote counts as a failure and yields the fallback
 * quote. `timeoutMs` bounds the whole call, name resolution and connect included. The caller's
 * request id and trace context go along, so that both services log the same id.
 */
@Injectable()
export class QuoteClient {
  private readonly logger = new Logger(QuoteClient.name);
  private readonly options: QuoteClientOptions;
  private readonly breaker: CircuitBreaker;
  private readonly quoteUrl: string;

  constructor(
    private readonly http: HttpService,
    @Inject(ACCOUNT_SERVICE_CONFIG) config: Pick<AccountServiceConfig, 'quotes'>,
    private readonly metrics: QuoteMetrics,
  ) {
    this.options = config.quotes;
    this.quoteUrl = `${this.options.baseUrl}/api/quote?strength=${QUOTE_STRENGTH}`;
    this.breaker = new CircuitBreaker({
      volumeThreshold: this.options.breakerVolumeThreshold,
      resetMs: this.options.breakerResetMs,
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
      const quote = await this.fetchQuote(context);
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

  get state(): BreakerState {
    return this.breaker.state;
  }

  private async fetchQuote(context: CallContext): Promise<Quote> {
    const deadline = startDeadline(this.options.timeoutMs, 'quote call timed out');
    try {
      const response = await this.http.axiosRef.get<unknown>(this.quoteUrl, {
        headers: callHeaders(context),
        signal: deadline.signal,
        maxContentLength: MAX_QUOTE_BODY_BYTES,
        validateStatus: (status) => status === 200,
      });
      const quote = parseQuote(response.data);
      if (!quote) throw new Error('quotes-service answered a body that is not a Quote');
      return quote;
    } finally {
      deadline.clear();
    }
  }
}
