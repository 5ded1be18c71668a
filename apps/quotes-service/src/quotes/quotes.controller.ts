import { Controller, Get, Query } from '@nestjs/common';
import { type Quote, QUOTE_JSON_SCHEMA } from '@landscape/contracts';
import { RouteSchema } from '@nestjs/platform-fastify';
import { QuotesService } from './quotes.service';
import { StrengthPipe } from './strength.pipe';

@Controller('api/quote')
export class QuotesController {
  constructor(private readonly quotes: QuotesService) {}

  @Get()
  @RouteSchema({ response: { 200: QUOTE_JSON_SCHEMA } })
  random(@Query('strength', StrengthPipe) strength: number): Quote {
    return this.quotes.random(strength);
  }
}
