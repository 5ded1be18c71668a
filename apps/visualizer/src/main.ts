import { runService } from '@landscape/runtime';
import { AppModule } from './app.module';
import { loadConfig } from './config/visualizer.config';
import { rejectAllButGet } from './web/read-only.hook';

void runService('visualizer', () => {
  const config = loadConfig(process.env);
  return { module: AppModule.forRoot(config), port: config.port, configure: rejectAllButGet };
});
