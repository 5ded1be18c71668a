import { Controller, Get, Query } from '@nestjs/common';
import type { Quote } from '@landscape/contracts';
import { QuotesService } from './quotes.service';
import { StrengthPipe } from './strength.pipe';

@Controller('api/quote')
export class QuotesController {
  constructor(private readonly quotes: QuotesService) {}

  @Get()
  random(@Query('strength', StrengthPipe) strength: number): Quote {
    return this.quotes.random(strength);
  }
}
