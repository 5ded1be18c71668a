import { Controller, Get } from '@nestjs/common';
import { HEALTH_UP, type HealthBody } from '@landscape/contracts';
import { ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';

/** quotes-service holds no state, so it is healthy whenever it can answer. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  @Get()
  @ApiOperation({ operationId: 'health', summary: 'UP whenever the service answers' })
  @ApiOkResponse({ description: 'UP', schema: { $ref: getSchemaPath('HealthBody') } })
  check(): HealthBody {
    return HEALTH_UP;
  }
}
