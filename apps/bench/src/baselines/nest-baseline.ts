/**
 * A framework baseline (`nest-baseline.js <port>`): the account route as the smallest NestJS
 * service on Fastify (a module, a controller with a param, the route's response schema) that logs
 * one line per request as the services do. Nothing of accountservice's own work: what NestJS on
 * Fastify and the request line cost.
 */
import 'reflect-metadata';
import { type Account, ACCOUNT_JSON_SCHEMA } from '@landscape/contracts';
import { Controller, Get, Module, NotFoundException, Param } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, RouteSchema } from '@nestjs/platform-fastify';
import { seededAccounts } from '../seeded-accounts';
import { logRequests, runBaseline } from './baseline-route';

const accounts = seededAccounts();

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
class NestBaselineModule {}

runBaseline('nest-baseline', async (port) => {
  const adapter = new FastifyAdapter();
  logRequests(adapter.getInstance());
  const app = await NestFactory.create(NestBaselineModule, adapter, { logger: false });
  await app.listen(port, '127.0.0.1');
});
