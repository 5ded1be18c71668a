import { Module } from '@nestjs/common';
import { QuotesPool } from './quotes-pool';

/** Its own module, so that HttpModule.registerAsync can inject the pool into its factory. */
@Module({
  providers: [QuotesPool],
  exports: [QuotesPool],
})
export class QuotesPoolModule {}
