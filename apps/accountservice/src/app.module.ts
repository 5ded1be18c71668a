import { type DynamicModule, Module } from '@nestjs/common';
import { AccountsModule } from './accounts/accounts.module';
import { type AccountServiceConfig, ACCOUNT_SERVICE_CONFIG } from './config/account-service.config';
import { HealthModule } from './health/health.module';

@Module({})
export class AppModule {
  static forRoot(config: AccountServiceConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [AccountsModule, HealthModule],
      providers: [{ provide: ACCOUNT_SERVICE_CONFIG, useValue: config }],
      exports: [ACCOUNT_SERVICE_CONFIG],
    };
  }
}
