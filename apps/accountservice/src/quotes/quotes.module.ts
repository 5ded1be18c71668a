import { HttpModule } from '@nestjs/axios';
import { Module } from '@nestjs/common';
import { QuoteClient } from './quote.client';
import { QuoteMetrics } from './quote-metrics';
import { QuotesPool } from './quotes-pool';
import { QuotesPoolModule } from './quotes-pool.module';
import { undiciAdapter } from '@landscape/axios-undici';

/** axios (through @nestjs/axios) over the undici pool. */
@Module({
  imports: [
    HttpModule.registerAsync({
      imports: [QuotesPoolModule],
      inject: [QuotesPool],
      useFactory: (pool: QuotesPool) => ({
        adapter: undiciAdapter(pool.dispatcher, {
          freshConnection: (origin) => pool.freshConnection(origin),
        }),
      }),
    }),
  ],
  providers: [QuoteClient, QuoteMetrics],
  exports: [QuoteClient],
})
export class QuotesModule {}
