import { Controller, Get, Res } from '@nestjs/common';
import { HEALTH_UP, type HealthBody } from '@landscape/contracts';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { SwarmWatcher } from '../swarm/swarm-watcher.service';

/**
 * Healthy while the watcher's reads of the Docker engine succeed: an engine that answers a ping
 * but not the reads still leaves the graph stale.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly watcher: SwarmWatcher) {}

  @Get()
  @ApiOperation({ operationId: 'health', summary: "Whether the Docker engine's reads succeed" })
  @ApiOkResponse({ description: 'UP', schema: { $ref: getSchemaPath('HealthBody') } })
  @ApiServiceUnavailableResponse({
    description: 'DOWN, with the reason',
    schema: { $ref: getSchemaPath('HealthBody') },
  })
  check(@Res({ passthrough: true }) reply: FastifyReply): HealthBody {
    const engine = this.watcher.engineStatus;
    if (engine?.answering) return HEALTH_UP;
    void reply.status(503);
    return {
      status: 'DOWN',
      reason: engine
        ? `docker: not answering since ${engine.since}: ${engine.reason}`
        : 'docker: not read yet',
    };
  }
}
