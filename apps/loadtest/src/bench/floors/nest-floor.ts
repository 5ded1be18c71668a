/**
 * A framework floor of the benchmark (`nest-floor.js <port>`): the account route as the smallest
 * NestJS service on Fastify (a module, a controller with a param, the route's response schema) that
 * logs one line per request as the services do. Nothing of accountservice's own work: what NestJS
 * on Fastify and the request line cost.
 */
import 'reflect-metadata';
import { type Account, ACCOUNT_JSON_SCHEMA } from '@landscape/contracts';
import { Controller, Get, Module, NotFoundException, Param } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, RouteSchema } from '@nestjs/platform-fastify';
import { accounts, logRequests, runFloor } from './floor-route';

@Controller('accounts')
class AccountsController {
  @Get(':id')
  @RouteSchema({ response: { 200: ACCOUNT_JSON_SCHEMA } })
  findOne(@Param('id') id: string): Account {
    const account = accounts.get(id);
    if (!account) throw new NotFoundException(`account ${id} not found`);
    return account;
  }
}

@Module({ controllers: [AccountsController] })
class FloorModule {}

runFloor('nest-floor', async (port) => {
  const adapter = new FastifyAdapter();
  logRequests(adapter.getInstance());
  const app = await NestFactory.create(FloorModule, adapter, { logger: false });
  await app.listen(port, '127.0.0.1');
});
