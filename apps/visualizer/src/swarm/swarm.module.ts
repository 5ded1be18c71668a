import { Module } from '@nestjs/common';
import { DockerEngine } from './docker-engine';
import { SwarmController } from './swarm.controller';
import { SwarmWatcher } from './swarm-watcher.service';

@Module({
  controllers: [SwarmController],
  providers: [DockerEngine, SwarmWatcher],
  exports: [SwarmWatcher],
})
export class SwarmModule {}
