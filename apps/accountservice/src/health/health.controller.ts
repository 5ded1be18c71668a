import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { HEALTH_UP, type HealthBody } from '@landscape/contracts';
import { LevelDbHealthIndicator } from './leveldb.health';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly leveldb: LevelDbHealthIndicator,
  ) {}

  /** Terminus runs the checks; the answer is mapped to the landscape's HealthBody contract. */
  @Get()
  async check(): Promise<HealthBody> {
    try {
      await this.health.check([() => this.leveldb.isHealthy('leveldb')]);
      return HEALTH_UP;
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const down: HealthBody = { status: 'DOWN', reason: describeFailures(error) };
      throw new ServiceUnavailableException(down);
    }
  }
}

function describeFailures(error: ServiceUnavailableException): string {
  const failures = (error.getResponse() as Partial<HealthCheckResult>).error ?? {};
  return Object.entries(failures)
    .map(([name, detail]) => `${name}: ${String(detail?.['message'] ?? 'down')}`)
    .join('; ');
}
