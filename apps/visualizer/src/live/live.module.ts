import { Module } from '@nestjs/common';
import { SwarmModule } from '../swarm/swarm.module';
import { LiveClients } from './live-clients.service';
import { LiveController } from './live.controller';

@Module({
  imports: [SwarmModule],
  controllers: [LiveController],
  providers: [LiveClients],
})
export class LiveModule {}
