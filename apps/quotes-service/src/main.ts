import { runService } from '@landscape/runtime';
import { AppModule } from './app.module';
import { loadConfig } from './config/quotes-service.config';

void runService('quotes-service', () => {
  const config = loadConfig(process.env);
  return { module: AppModule.forRoot(config), server: config.server };
});
