/**
 * A framework baseline (`chain-baseline.js <port> <quotesUrl>`): the full chain's front as the
 * smallest NestJS service on Fastify that calls quotes-service with accountservice's own quote
 * call (libs/quote-client: @nestjs/axios over undici, the request id passed on, the deadline, the
 * bounded body checked against the contract), and one request line. Nothing else of
 * accountservice: no LevelDB, breaker, metrics or fallback counting. Against quotes-baseline.js,
 * what two NestJS services and the client cost.
 */
import 'reflect-metadata';
import {
  type Account,
  ACCOUNT_JSON_SCHEMA,
  FALLBACK_QUOTE,
  type Quote,
} from '@landscape/contracts';
import { QuoteCall } from '@landscape/quote-client';
import { Controller, Get, Module, NotFoundException, Param, Req } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, RouteSchema } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { seededAccounts } from '../seeded-accounts';
import { logRequests, runBaseline } from './baseline-route';

const accounts = seededAccounts();

@Controller('accounts')
class AccountsController {
  constructor(private readonly quotes: QuoteCall) {}

  @Get(':id')
  @RouteSchema({ response: { 200: ACCOUNT_JSON_SCHEMA } })
  async findOne(@Param('id') id: string, @Req() request: FastifyRequest): Promise<Account> {
    const account = accounts.get(id);
    if (!account) throw new NotFoundException(`account ${id} not found`);
    return { ...account, quote: await this.quote(request.id) };
  }

  private async quote(requestId: string): Promise<Quote> {
    try {
      return await this.quotes.fetch({ 'x-request-id': requestId });
    } catch {
      return FALLBACK_QUOTE;
    }
  }
}

runBaseline('chain-baseline', async (port, [quotesUrl]) => {
  @Module({
    controllers: [AccountsController],
    providers: [
      {
        provide: QuoteCall,
        // The bench's budget for accountservice too: no quote times out at peak. Late answers are
        // hedged as accountservice's default does.
        useFactory: () =>
          new QuoteCall({
            baseUrl: quotesUrl,
            timeoutMs: 5_000,
            connectionMaxAgeMs: 5_000,
            hedgeAfterMs: 100,
          }),
      },
    ],
  })
  class ChainBaselineModule {}

  const adapter = new FastifyAdapter();
  logRequests(adapter.getInstance());
  const app = await NestFactory.create(ChainBaselineModule, adapter, { logger: false });
  await app.listen(port, '127.0.0.1');
});
