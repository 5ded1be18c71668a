import { QuoteCall, type QuoteCallOptions } from '@landscape/quote-client';
import { QuoteMetrics } from './quote-metrics';

/** The call to quotes-service, its hedges counted in the quote metrics. */
export function createQuoteCall(options: QuoteCallOptions, metrics: QuoteMetrics): QuoteCall {
  return new QuoteCall({ ...options, onHedge: () => metrics.hedged() });
}
