import { Controller, Get, Logger, ServiceUnavailableException } from '@nestjs/common';
import { HEALTH_UP, type HealthBody } from '@landscape/contracts';
import { AccountRepository } from '../accounts/account.repository';

/** UP while LevelDB answers a read; 503 DOWN with the reason otherwise (Swarm's healthcheck). */
@Controller('health')
export class HealthController {
  private readonly logger = new Logger(HealthController.name);

  constructor(private readonly accounts: AccountRepository) {}

  @Get()
  async check(): Promise<HealthBody> {
    try {
      await this.accounts.ping();
      return HEALTH_UP;
    } catch (error) {
      const down: HealthBody = { status: 'DOWN', reason: `leveldb: ${(error as Error).message}` };
      this.logger.error(down.reason);
      throw new ServiceUnavailableException(down);
    }
  }
}
