import { Controller, Get, NotFoundException, Param, Req } from '@nestjs/common';
import { type Account, ACCOUNT_JSON_SCHEMA } from '@landscape/contracts';
import { callContextOf, instanceAddress } from '@landscape/runtime';
import { RouteSchema } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import { QuoteClient } from '../quotes/quote.client';
import { AccountIdPipe } from './account-id.pipe';
import { AccountRepository } from './account.repository';

@Controller('accounts')
export class AccountsController {
  private readonly servedBy = instanceAddress();

  constructor(
    private readonly accounts: AccountRepository,
    private readonly quotes: QuoteClient,
  ) {}

  /** Fastify writes the answer with a serialiser compiled from the schema, not JSON.stringify. */
  @Get(':id')
  @RouteSchema({ response: { 200: ACCOUNT_JSON_SCHEMA } })
  async findOne(
    @Param('id', AccountIdPipe) id: string,
    @Req() request: FastifyRequest,
  ): Promise<Account> {
    const account = this.accounts.find(id);
    if (!account) throw new NotFoundException(`account ${id} not found`);
    const quote = await this.quotes.getQuote(callContextOf(request));
    return { id: account.id, name: account.name, servedBy: this.servedBy, quote };
  }
}
