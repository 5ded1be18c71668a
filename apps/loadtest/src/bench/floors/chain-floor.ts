/**
 * A framework floor of the benchmark (`chain-floor.js <port> <quotesUrl>`): the full chain's front
 * as the smallest NestJS service on Fastify that calls quotes-service as the design asks, through
 * @nestjs/axios's HttpService over the services' undici adapter, with what the other issues ask of
 * the call (the request id passed on, a deadline, a bounded body checked against the contract),
 * and one request line. Nothing else of accountservice: no LevelDB, breaker, metrics or retry.
 * Against quotes-floor.js, what two NestJS services and the client cost.
 */
import 'reflect-metadata';
import { undiciAdapter } from '@landscape/axios-undici';
import {
  type Account,
  ACCOUNT_JSON_SCHEMA,
  FALLBACK_QUOTE,
  parseQuote,
  type Quote,
  QUOTE_STRENGTH,
} from '@landscape/contracts';
import { HttpModule, HttpService } from '@nestjs/axios';
import { Controller, Get, Module, NotFoundException, Param, Req } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, RouteSchema } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { Agent } from 'undici';
import { quoteCallConfig, withDeadline } from '../quote-call';
import { accounts, logRequests, runFloor } from './floor-route';

let quoteUrl = '';

@Controller('accounts')
class AccountsController {
  constructor(private readonly http: HttpService) {}

  @Get(':id')
  @RouteSchema({ response: { 200: ACCOUNT_JSON_SCHEMA } })
  async findOne(@Param('id') id: string, @Req() request: FastifyRequest): Promise<Account> {
    const account = accounts.get(id);
    if (!account) throw new NotFoundException(`account ${id} not found`);
    return { ...account, quote: await this.quote(request.id) };
  }

  private async quote(requestId: string): Promise<Quote> {
    try {
      const response = await withDeadline(5_000, (signal) =>
        this.http.axiosRef.get<unknown>(quoteUrl, quoteCallConfig(requestId, signal)),
      );
      return parseQuote(response.data) ?? FALLBACK_QUOTE;
    } catch {
      return FALLBACK_QUOTE;
    }
  }
}

@Module({
  imports: [HttpModule.register({ adapter: undiciAdapter(new Agent({ connections: 256 })) })],
  controllers: [AccountsController],
})
class ChainFloorModule {}

runFloor('chain-floor', async (port, [quotesUrl]) => {
  quoteUrl = `${quotesUrl}/api/quote?strength=${QUOTE_STRENGTH}`;
  const adapter = new FastifyAdapter();
  logRequests(adapter.getInstance());
  const app = await NestFactory.create(ChainFloorModule, adapter, { logger: false });
  await app.listen(port, '127.0.0.1');
});
