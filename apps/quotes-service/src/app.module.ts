import { type DynamicModule, Module } from '@nestjs/common';
import { type QuotesServiceConfig, QUOTES_SERVICE_CONFIG } from './config/quotes-service.config';
import { HealthController } from './health/health.controller';
import { QuotesModule } from './quotes/quotes.module';

@Module({})
export class AppModule {
  static forRoot(config: QuotesServiceConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [QuotesModule],
      controllers: [HealthController],
      providers: [{ provide: QUOTES_SERVICE_CONFIG, useValue: config }],
      exports: [QUOTES_SERVICE_CONFIG],
    };
  }
}
