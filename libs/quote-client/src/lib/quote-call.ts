import { undiciAdapter } from '@landscape/axios-undici';
import { parseQuote, type Quote, QUOTE_STRENGTH } from '@landscape/contracts';
import { HttpService } from '@nestjs/axios';
import type { OnApplicationShutdown } from '@nestjs/common';
import axios, { type AxiosRequestConfig } from 'axios';
import { startDeadline } from './deadline';
import { RenewingPool } from './renewing-pool';

const MAX_QUOTE_BODY_BYTES = 64 * 1024;

export interface QuoteCallOptions {
  /** quotes-service's base URL, without a trailing slash. */
  baseUrl: string;
  /** The longest a call may take, name resolution and connect included (startDeadline). */
  timeoutMs: number;
  /** How long a set of pooled connections takes new calls (RenewingPool). */
  connectionMaxAgeMs: number;
  /**
   * How long a call waits for its answer before a copy goes out on a fresh connection, which may
   * reach another instance (undiciAdapter's hedgeAfterMs); 0 sends none.
   */
  hedgeAfterMs: number;
  /** Called for each copy sent, for a metric. */
  onHedge?: () => void;
}

/**
 * A quote call's own config: the caller's headers, the deadline's signal, a bounded body, and
 * 200 as the only answer that counts.
 */
export function quoteRequestConfig(
  headers: Record<string, string>,
  signal: AbortSignal,
): AxiosRequestConfig {
  return {
    headers,
    signal,
    maxContentLength: MAX_QUOTE_BODY_BYTES,
    validateStatus: (status) => status === 200,
  };
}

/**
 * The call to quotes-service, built in this one place: @nestjs/axios's HttpService over an axios
 * instance whose adapter sends through undici (libs/axios-undici) on a keep-alive pool renewed
 * by age, each call under a deadline and hedged when its answer is late, with its body checked
 * against the Quote contract. A call answers a Quote or rejects; what to do then is the caller's
 * (accountservice falls back). Its pool closes with the application (Nest calls
 * onApplicationShutdown on its providers).
 */
export class QuoteCall implements OnApplicationShutdown {
  private readonly pool: RenewingPool;
  private readonly http: HttpService;
  private readonly url: string;

  constructor(private readonly options: QuoteCallOptions) {
    this.pool = new RenewingPool({
      connectTimeoutMs: options.timeoutMs,
      maxAgeMs: options.connectionMaxAgeMs,
    });
    const adapter = undiciAdapter(this.pool.dispatcher, {
      freshConnection: (origin) => this.pool.freshConnection(origin),
      hedgeAfterMs: options.hedgeAfterMs || undefined,
      onHedge: options.onHedge,
    });
    this.http = new HttpService(axios.create({ adapter }));
    this.url = `${options.baseUrl}/api/quote?strength=${QUOTE_STRENGTH}`;
  }

  async fetch(headers: Record<string, string>): Promise<Quote> {
    const deadline = startDeadline(this.options.timeoutMs, 'quote call timed out');
    try {
      const response = await this.http.axiosRef.get<unknown>(
        this.url,
        quoteRequestConfig(headers, deadline.signal),
      );
      const quote = parseQuote(response.data);
      if (!quote) throw new Error('quotes-service answered a body that is not a Quote');
      return quote;
    } finally {
      deadline.clear();
    }
  }

  onApplicationShutdown(): Promise<void> {
    return this.pool.close();
  }
}
