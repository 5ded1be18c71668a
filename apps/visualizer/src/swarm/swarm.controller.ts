import { Controller, Get, Header, ServiceUnavailableException } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { SwarmWatcher } from './swarm-watcher.service';

@ApiTags('swarm')
@Controller('api')
export class SwarmController {
  constructor(private readonly watcher: SwarmWatcher) {}

  /** The SwarmGraph contract, as the watcher serialised it once. */
  @Get('graph')
  @Header('content-type', 'application/json; charset=utf-8')
  @ApiOperation({
    operationId: 'getGraph',
    summary: 'The swarm as a graph: nodes, services, tasks, networks',
  })
  @ApiOkResponse({ description: 'The graph', schema: { $ref: getSchemaPath('SwarmGraph') } })
  @ApiServiceUnavailableResponse({
    description: 'The swarm has not been read yet',
    schema: { $ref: getSchemaPath('ErrorBody') },
  })
  graph(): string {
    const graph = this.watcher.graphJson;
    if (!graph) throw new ServiceUnavailableException('the swarm has not been read yet');
    return graph;
  }
}
