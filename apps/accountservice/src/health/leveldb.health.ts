import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { AccountRepository } from '../accounts/account.repository';

@Injectable()
export class LevelDbHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly accounts: AccountRepository,
  ) {}

  async isHealthy(key: string) {
    const indicator = this.indicators.check(key);
    try {
      await this.accounts.ping();
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
