import { Module } from '@nestjs/common';
import { QuoteCall } from '@landscape/quote-client';
import {
  ACCOUNT_SERVICE_CONFIG,
  type AccountServiceConfig,
} from '../config/account-service.config';
import { QuoteClient } from './quote.client';
import { QuoteMetrics } from './quote-metrics';

/** The quote client: the call to quotes-service (libs/quote-client) behind a breaker, with metrics. */
@Module({
  providers: [
    {
      provide: QuoteCall,
      inject: [ACCOUNT_SERVICE_CONFIG],
      useFactory: ({ quotes }: AccountServiceConfig) => new QuoteCall(quotes),
    },
    QuoteClient,
    QuoteMetrics,
  ],
  exports: [QuoteClient],
})
export class QuotesModule {}
