import { Controller, Get } from '@nestjs/common';
import { HEALTH_UP, type HealthBody } from '@landscape/contracts';

/** quotes-service holds no state, so it is healthy whenever it can answer. */
@Controller('health')
export class HealthController {
  @Get()
  check(): HealthBody {
    return HEALTH_UP;
  }
}
