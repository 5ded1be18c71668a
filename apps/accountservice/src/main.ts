import { runService } from '@landscape/runtime';
import { AppModule } from './app.module';
import { loadConfig } from './config/account-service.config';

void runService('accountservice', () => {
  const config = loadConfig(process.env);
  return { module: AppModule.forRoot(config), server: config.server };
});
