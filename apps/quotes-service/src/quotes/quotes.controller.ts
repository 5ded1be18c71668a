import { Controller, Get, Query } from '@nestjs/common';
import { type Quote, QUOTE_JSON_SCHEMA } from '@landscape/contracts';
import { RouteSchema } from '@nestjs/platform-fastify';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { QuotesService } from './quotes.service';
import { MAX_STRENGTH, MIN_STRENGTH, StrengthPipe } from './strength.pipe';

@ApiTags('quotes')
@Controller('api/quote')
export class QuotesController {
  constructor(private readonly quotes: QuotesService) {}

  @Get()
  @RouteSchema({ response: { 200: QUOTE_JSON_SCHEMA } })
  @ApiOperation({
    operationId: 'getQuote',
    summary: 'A random quote, in the language it was written in',
  })
  @ApiQuery({
    name: 'strength',
    required: false,
    description:
      "A work factor like bcrypt's cost: the quote is hashed 2^strength times with SHA-256 before the answer. Absent means 0.",
    schema: {
      type: 'integer',
      minimum: MIN_STRENGTH,
      maximum: MAX_STRENGTH,
      default: MIN_STRENGTH,
      example: 4,
    },
  })
  @ApiOkResponse({ description: 'The quote', schema: { $ref: getSchemaPath('Quote') } })
  @ApiBadRequestResponse({
    description: `strength is not a whole number from ${MIN_STRENGTH} to ${MAX_STRENGTH}`,
    schema: { $ref: getSchemaPath('ErrorBody') },
  })
  random(@Query('strength', StrengthPipe) strength: number): Quote {
    return this.quotes.random(strength);
  }
}
