import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module';
import { HealthController } from './health.controller';

@Module({
  imports: [AccountsModule],
  controllers: [HealthController],
})
export class HealthModule {}
