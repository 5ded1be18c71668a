import type { ServiceDefinition } from '@landscape/runtime';
import { AppModule } from './app.module';
import { loadConfig } from './config/quotes-service.config';

/** The service as configured by the environment: what main.ts and serve.ts run. */
export function defineQuotesService(): ServiceDefinition {
  const config = loadConfig(process.env);
  return { module: AppModule.forRoot(config), server: config.server };
}
