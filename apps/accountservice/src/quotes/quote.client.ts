import { HttpService } from '@nestjs/axios';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { FALLBACK_QUOTE, parseQuote, type Quote, QUOTE_STRENGTH } from '@landscape/contracts';
import {
  type QuoteClientOptions,
  ACCOUNT_SERVICE_CONFIG,
  type AccountServiceConfig,
} from '../config/account-service.config';
import { type BreakerState, CircuitBreaker } from './circuit-breaker';

const MAX_QUOTE_BODY_BYTES = 64 * 1024;

/**
 * Fetches a quote from quotes-service, behind a circuit breaker: a timeout, a connection error,
 * a non-200 answer or a body that is not a Quote counts as a failure and yields the fallback
 * quote. `timeoutMs` bounds the whole call, name resolution and connect included.
 */
@Injectable()
export class QuoteClient {
  private readonly logger = new Logger(QuoteClient.name);
  private readonly options: QuoteClientOptions;
  private readonly breaker: CircuitBreaker;

  constructor(
    private readonly http: HttpService,
    @Inject(ACCOUNT_SERVICE_CONFIG) config: Pick<AccountServiceConfig, 'quotes'>,
  ) {
    this.options = config.quotes;
    this.breaker = new CircuitBreaker({
      volumeThreshold: this.options.breakerVolumeThreshold,
      resetMs: this.options.breakerResetMs,
    });
    this.breaker.onStateChange((state) =>
      this.logger.warn(`circuit breaker to quotes-service is ${state}`),
    );
  }

  /** A quote from quotes-service, or the fallback quote; never rejects. */
  async getQuote(): Promise<Quote> {
    if (!this.breaker.tryAcquire()) return FALLBACK_QUOTE;
    try {
      const quote = await this.fetchQuote();
      this.breaker.recordSuccess();
      return quote;
    } catch {
      this.breaker.recordFailure();
      return FALLBACK_QUOTE;
    }
  }

  get state(): BreakerState {
    return this.breaker.state;
  }

  private async fetchQuote(): Promise<Quote> {
    const response = await this.http.axiosRef.get<unknown>(`${this.options.baseUrl}/api/quote`, {
      params: { strength: QUOTE_STRENGTH },
      signal: AbortSignal.timeout(this.options.timeoutMs),
      maxContentLength: MAX_QUOTE_BODY_BYTES,
      validateStatus: (status) => status === 200,
    });
    const quote = parseQuote(response.data);
    if (!quote) throw new Error('quotes-service answered a body that is not a Quote');
    return quote;
  }
}
