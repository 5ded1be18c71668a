import { HttpModule } from '@nestjs/axios';
import { Module } from '@nestjs/common';
import { Agent } from 'node:http';
import { QuoteClient } from './quote.client';

@Module({
  imports: [
    // One keep-alive pool for all calls to quotes-service.
    HttpModule.register({ httpAgent: new Agent({ keepAlive: true, maxSockets: 256 }) }),
  ],
  providers: [QuoteClient],
  exports: [QuoteClient],
})
export class QuotesModule {}
