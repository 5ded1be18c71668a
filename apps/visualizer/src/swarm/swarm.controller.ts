import { Controller, Get, Header, ServiceUnavailableException } from '@nestjs/common';
import { SwarmWatcher } from './swarm-watcher.service';

@Controller('api')
export class SwarmController {
  constructor(private readonly watcher: SwarmWatcher) {}

  /** The SwarmGraph contract, as the watcher serialised it once. */
  @Get('graph')
  @Header('content-type', 'application/json; charset=utf-8')
  graph(): string {
    const graph = this.watcher.graphJson;
    if (!graph) throw new ServiceUnavailableException('the swarm has not been read yet');
    return graph;
  }
}
