import { runService } from '@landscape/runtime';
import { AppModule, VISUALIZER_METHODS } from './app.module';
import { loadConfig } from './config/visualizer.config';

void runService('visualizer', () => {
  const config = loadConfig(process.env);
  return { module: AppModule.forRoot(config), server: config.server, methods: VISUALIZER_METHODS };
});
