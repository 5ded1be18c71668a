import { Controller, Get, Res } from '@nestjs/common';
import { HEALTH_UP, type HealthBody } from '@landscape/contracts';
import type { FastifyReply } from 'fastify';
import { EngineSocket } from '../proxy/engine-socket';

const PING_TIMEOUT_MS = 2_000;

/** UP while the engine answers a ping through the socket. */
@Controller('health')
export class HealthController {
  constructor(private readonly engine: EngineSocket) {}

  @Get()
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthBody> {
    try {
      await this.engine.ping(PING_TIMEOUT_MS);
      return HEALTH_UP;
    } catch (error) {
      void reply.status(503);
      return { status: 'DOWN', reason: `docker: ${(error as Error).message}` };
    }
  }
}
