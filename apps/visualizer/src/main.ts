import { runService } from '@landscape/runtime';
import { AppModule } from './app.module';
import { loadConfig } from './config/visualizer.config';

// It only reads, and HEAD on the event stream would hold a connection that sends nothing.
void runService('visualizer', () => {
  const config = loadConfig(process.env);
  return { module: AppModule.forRoot(config), server: config.server, methods: ['GET'] };
});
