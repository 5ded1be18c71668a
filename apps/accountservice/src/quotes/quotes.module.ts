import { HttpModule } from '@nestjs/axios';
import { Module } from '@nestjs/common';
import { QuoteClient } from './quote.client';
import { RecyclingAgent } from './recycling-agent';

/** Requests per pooled connection to quotes-service before it is replaced by a new one. */
const MAX_REQUESTS_PER_CONNECTION = 100;

@Module({
  imports: [
    HttpModule.register({
      httpAgent: new RecyclingAgent(MAX_REQUESTS_PER_CONNECTION, { maxSockets: 256 }),
    }),
  ],
  providers: [QuoteClient],
  exports: [QuoteClient],
})
export class QuotesModule {}
