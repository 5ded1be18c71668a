import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { LiveClients } from './live-clients.service';

@ApiTags('swarm')
@Controller('api')
export class LiveController {
  constructor(private readonly live: LiveClients) {}

  /** Server-sent events: the engine's status and the graph now, then each change. */
  @Get('events')
  @ApiOperation({
    operationId: 'followGraph',
    summary: 'The graph and the engine status as server-sent events',
    description:
      'An `engine` event (the EngineStatus) and a `graph` event (the SwarmGraph, as GET /api/graph) at once, then one of either at each change, and a comment line as a heartbeat.',
  })
  @ApiOkResponse({
    description: 'The event stream',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  @ApiServiceUnavailableResponse({
    description: 'Too many browsers are following already (MAX_LIVE_CLIENTS)',
    schema: { $ref: getSchemaPath('ErrorBody') },
  })
  events(@Res() reply: FastifyReply): void {
    if (!this.live.open(reply)) {
      throw new ServiceUnavailableException(
        `too many live clients: this visualizer serves ${this.live.limit} at once`,
      );
    }
  }
}
