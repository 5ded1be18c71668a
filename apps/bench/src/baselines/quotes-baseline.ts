/**
 * A framework baseline (`quotes-baseline.js <port>`): quotes-service's route as the smallest
 * NestJS service on Fastify: a controller with a parsed query parameter, quotes-service's own work
 * per quote (libs/quote-work), the response schema and the request line. The far end of the chain
 * baseline.
 */
import 'reflect-metadata';
import { type Quote, QUOTE_JSON_SCHEMA } from '@landscape/contracts';
import { quoteWork } from '@landscape/quote-work';
import { Controller, Get, Module, ParseIntPipe, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, RouteSchema } from '@nestjs/platform-fastify';
import { QUOTE_TEXT } from '../seeded-accounts';
import { logRequests, runBaseline } from './baseline-route';

let ipAddress = '';

@Controller('api/quote')
class QuotesController {
  @Get()
  @RouteSchema({ response: { 200: QUOTE_JSON_SCHEMA } })
  random(@Query('strength', ParseIntPipe) strength: number): Quote {
    quoteWork(QUOTE_TEXT, strength);
    return { quote: QUOTE_TEXT, ipAddress, language: 'en' };
  }
}

@Module({ controllers: [QuotesController] })
class QuotesBaselineModule {}

runBaseline('quotes-baseline', async (port) => {
  ipAddress = `baseline/127.0.0.1:${port}`;
  const adapter = new FastifyAdapter();
  logRequests(adapter.getInstance());
  const app = await NestFactory.create(QuotesBaselineModule, adapter, { logger: false });
  await app.listen(port, '127.0.0.1');
});
