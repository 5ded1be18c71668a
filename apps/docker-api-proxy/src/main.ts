import { runService } from '@landscape/runtime';
import { AppModule } from './app.module';
import { loadConfig } from './config/docker-api-proxy.config';

// Reads only: GET, not even HEAD, whose answer to an event stream would never end.
void runService('docker-api-proxy', () => {
  const config = loadConfig(process.env);
  return { module: AppModule.forRoot(config), server: config.server, methods: ['GET'] };
});
