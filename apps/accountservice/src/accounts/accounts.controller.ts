import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import type { Account } from '@landscape/contracts';
import { CallContext, instanceAddress } from '@landscape/runtime';
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

  @Get(':id')
  async findOne(
    @Param('id', AccountIdPipe) id: string,
    @CallContext() context: CallContext,
  ): Promise<Account> {
    const account = this.accounts.find(id);
    if (!account) throw new NotFoundException(`account ${id} not found`);
    const quote = await this.quotes.getQuote(context);
    return { id: account.id, name: account.name, servedBy: this.servedBy, quote };
  }
}
