import { Module } from '@nestjs/common';
import { QuotesModule } from '../quotes/quotes.module';
import { AccountRepository } from './account.repository';
import { AccountsController } from './accounts.controller';

@Module({
  imports: [QuotesModule],
  controllers: [AccountsController],
  providers: [AccountRepository],
  exports: [AccountRepository],
})
export class AccountsModule {}
