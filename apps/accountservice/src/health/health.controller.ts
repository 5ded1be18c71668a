import { Controller, Get, Logger, Res } from '@nestjs/common';
import { HEALTH_UP, type HealthBody } from '@landscape/contracts';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AccountRepository } from '../accounts/account.repository';

/** UP while LevelDB answers a read; 503 DOWN with the reason otherwise (Swarm's healthcheck). */
@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly logger = new Logger(HealthController.name);

  constructor(private readonly accounts: AccountRepository) {}

  @Get()
  @ApiOperation({
    operationId: 'health',
    summary: "Whether LevelDB answers a read (Swarm's health check)",
  })
  @ApiOkResponse({ description: 'UP', schema: { $ref: getSchemaPath('HealthBody') } })
  @ApiServiceUnavailableResponse({
    description: 'DOWN, with the reason',
    schema: { $ref: getSchemaPath('HealthBody') },
  })
  async check(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthBody> {
    try {
      await this.accounts.ping();
      return HEALTH_UP;
    } catch (error) {
      const down: HealthBody = { status: 'DOWN', reason: `leveldb: ${(error as Error).message}` };
      this.logger.error(down.reason);
      void reply.status(503);
      return down;
    }
  }
}
