import { Module } from '@nestjs/common';
import { connectDocker, DOCKER_CLIENT } from './docker-client';
import { SwarmController } from './swarm.controller';
import { SwarmWatcher } from './swarm-watcher.service';

@Module({
  controllers: [SwarmController],
  providers: [{ provide: DOCKER_CLIENT, useFactory: connectDocker }, SwarmWatcher],
  exports: [DOCKER_CLIENT],
})
export class SwarmModule {}
