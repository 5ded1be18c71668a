import { Module } from '@nestjs/common';
import { QuoteCall } from '@landscape/quote-client';
import {
  ACCOUNT_SERVICE_CONFIG,
  type AccountServiceConfig,
} from '../config/account-service.config';
import { createQuoteCall } from './quote-call.provider';
import { QuoteClient } from './quote.client';
import { QuoteMetrics } from './quote-metrics';

/** The quote client: the call to quotes-service (libs/quote-client) behind a breaker, with metrics. */
@Module({
  providers: [
    {
      provide: QuoteCall,
      inject: [ACCOUNT_SERVICE_CONFIG, QuoteMetrics],
      useFactory: ({ quotes }: AccountServiceConfig, metrics: QuoteMetrics) =>
        createQuoteCall(quotes, metrics),
    },
    QuoteClient,
    QuoteMetrics,
  ],
  exports: [QuoteClient],
})
export class QuotesModule {}
