/**
 * A framework floor of the benchmark (`quotes-floor.js <port>`): quotes-service's route as the
 * smallest NestJS service on Fastify: a controller with a parsed query parameter, quotes-service's
 * work per quote (2^strength SHA-256 rounds), the response schema and the request line. The far
 * end of the chain floor.
 */
import 'reflect-metadata';
import { type Quote, QUOTE_JSON_SCHEMA } from '@landscape/contracts';
import { Controller, Get, Module, ParseIntPipe, Query } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, RouteSchema } from '@nestjs/platform-fastify';
import { hashRounds, QUOTE_TEXT } from '../quote-work';
import { logRequests, runFloor } from './floor-route';

let ipAddress = '';

@Controller('api/quote')
class QuotesController {
  @Get()
  @RouteSchema({ response: { 200: QUOTE_JSON_SCHEMA } })
  random(@Query('strength', ParseIntPipe) strength: number): Quote {
    hashRounds(QUOTE_TEXT, strength);
    return { quote: QUOTE_TEXT, ipAddress, language: 'en' };
  }
}

@Module({ controllers: [QuotesController] })
class QuotesFloorModule {}

runFloor('quotes-floor', async (port) => {
  ipAddress = `floor/127.0.0.1:${port}`;
  const adapter = new FastifyAdapter();
  logRequests(adapter.getInstance());
  const app = await NestFactory.create(QuotesFloorModule, adapter, { logger: false });
  await app.listen(port, '127.0.0.1');
});
