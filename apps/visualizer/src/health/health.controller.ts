import { Controller, Get, Res } from '@nestjs/common';
import { HEALTH_UP, type HealthBody } from '@landscape/contracts';
import type { FastifyReply } from 'fastify';
import { SwarmWatcher } from '../swarm/swarm-watcher.service';

/**
 * Healthy while the watcher's reads of the Docker engine succeed: an engine that answers a ping
 * but not the reads still leaves the graph stale.
 */
@Controller('health')
export class HealthController {
  constructor(private readonly watcher: SwarmWatcher) {}

  @Get()
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
