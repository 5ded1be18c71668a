import { HttpService } from '@nestjs/axios';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { FALLBACK_QUOTE, parseQuote, type Quote, QUOTE_STRENGTH } from '@landscape/contracts';
import CircuitBreaker from 'opossum';
import type { ClosableAdapter } from './undici-adapter';
import {
  type QuoteClientOptions,
  ACCOUNT_SERVICE_CONFIG,
  type AccountServiceConfig,
} from '../config/account-service.config';

const MAX_QUOTE_BODY_BYTES = 64 * 1024;

/**
 * Fetches a quote from quotes-service, behind a circuit breaker (the series' part 11, Hystrix-style):
 * a timeout, a connection error, a non-200 answer or a body that is not a Quote counts as a
 * failure and yields the fallback quote. When at least half of the calls in the rolling window
 * fail, the breaker opens and answers the fallback without calling; after breakerResetMs it lets
 * one probe through and closes again if that succeeds.
 */
@Injectable()
export class QuoteClient implements OnApplicationShutdown {
  private readonly options: QuoteClientOptions;
  private readonly breaker: CircuitBreaker<[], Quote>;

  constructor(
    private readonly http: HttpService,
    @Inject(ACCOUNT_SERVICE_CONFIG) config: Pick<AccountServiceConfig, 'quotes'>,
  ) {
    this.options = config.quotes;
    this.breaker = new CircuitBreaker(() => this.fetchQuote(), {
      timeout: false, // the request's own AbortSignal bounds it
      errorThresholdPercentage: 50,
      rollingCountTimeout: 10_000,
      volumeThreshold: this.options.breakerVolumeThreshold,
      resetTimeout: this.options.breakerResetMs,
    });
    this.breaker.fallback(() => FALLBACK_QUOTE);
  }

  /** A quote from quotes-service, or the fallback quote; never rejects. */
  getQuote(): Promise<Quote> {
    // opossum rejects each call on an open breaker with a new Error (stack trace and all) before
    // it falls back; skipping that keeps the degraded path as cheap as the healthy one.
    if (this.breaker.opened) return Promise.resolve(FALLBACK_QUOTE);
    return this.breaker.fire();
  }

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.breaker.halfOpen) return 'half-open';
    return this.breaker.opened ? 'open' : 'closed';
  }

  async onApplicationShutdown(): Promise<void> {
    this.breaker.shutdown();
    await (this.http.axiosRef.defaults.adapter as ClosableAdapter | undefined)?.close?.();
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
