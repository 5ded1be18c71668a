import { type DynamicModule, Module } from '@nestjs/common';
import { type VisualizerConfig, VISUALIZER_CONFIG } from './config/visualizer.config';
import { HealthController } from './health/health.controller';
import { LiveModule } from './live/live.module';
import { SwarmModule } from './swarm/swarm.module';
import { WebController } from './web/web.controller';

/** It only reads, and HEAD on the event stream would hold a connection that sends nothing. */
export const VISUALIZER_METHODS = ['GET'] as const;

@Module({})
export class AppModule {
  static forRoot(config: VisualizerConfig): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [SwarmModule, LiveModule],
      controllers: [HealthController, WebController],
      providers: [{ provide: VISUALIZER_CONFIG, useValue: config }],
      exports: [VISUALIZER_CONFIG],
    };
  }
}
