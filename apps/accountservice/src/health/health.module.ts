import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AccountsModule } from '../accounts/accounts.module';
import { HealthController } from './health.controller';
import { LevelDbHealthIndicator } from './leveldb.health';

@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' }), AccountsModule],
  controllers: [HealthController],
  providers: [LevelDbHealthIndicator],
})
export class HealthModule {}
