import { type DynamicModule, Module } from '@nestjs/common';
import {
  type DockerApiProxyConfig,
  DOCKER_API_PROXY_CONFIG,
} from './config/docker-api-proxy.config';
import { HealthController } from './health/health.controller';
import { DockerApiController } from './proxy/docker-api.controller';
import { EngineSocket } from './proxy/engine-socket';

@Module({})
export class AppModule {
  static forRoot(config: DockerApiProxyConfig): DynamicModule {
    return {
      module: AppModule,
      // HealthController first: its route must win over the catch-all.
      controllers: [HealthController, DockerApiController],
      providers: [{ provide: DOCKER_API_PROXY_CONFIG, useValue: config }, EngineSocket],
    };
  }
}
