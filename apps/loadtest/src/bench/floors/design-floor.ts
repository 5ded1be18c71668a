/**
 * A framework floor of the benchmark (`design-floor.js <port> <dataDir>`): the NestJS floor with
 * the libraries the design names and the other issues ask for, and nothing of accountservice's
 * own code: the name read from LevelDB (`getSync`, 100 seeded accounts), @nestjs/axios's module
 * over undici (loaded; the account path calls no one, as accountservice's with its breaker open),
 * and prom-client's default metrics. What the design costs before the service's work.
 */
import 'reflect-metadata';
import { undiciAdapter } from '@landscape/axios-undici';
import {
  type Account,
  ACCOUNT_JSON_SCHEMA,
  FALLBACK_QUOTE,
  SEED_ACCOUNT_COUNT,
  seedAccount,
} from '@landscape/contracts';
import { HttpModule } from '@nestjs/axios';
import { Controller, Get, Module, NotFoundException, Param } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, RouteSchema } from '@nestjs/platform-fastify';
import { Level } from 'level';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { Agent } from 'undici';
import { logRequests, runFloor } from './floor-route';

let names: ReturnType<typeof openNames>;

function openNames(dataDir: string) {
  const db = new Level<string, string>(dataDir, { valueEncoding: 'utf8' });
  return db.sublevel<string, string>('accounts', { valueEncoding: 'utf8' });
}

@Controller('accounts')
class AccountsController {
  @Get(':id')
  @RouteSchema({ response: { 200: ACCOUNT_JSON_SCHEMA } })
  findOne(@Param('id') id: string): Account {
    const name = names.getSync(id);
    if (name === undefined) throw new NotFoundException(`account ${id} not found`);
    return { id, name, servedBy: '127.0.0.1', quote: FALLBACK_QUOTE };
  }
}

@Module({
  imports: [HttpModule.register({ adapter: undiciAdapter(new Agent({ connections: 256 })) })],
  controllers: [AccountsController],
})
class DesignFloorModule {}

runFloor('design-floor', async (port, [dataDir]) => {
  names = openNames(dataDir);
  await names.open();
  await names.batch(
    Array.from({ length: SEED_ACCOUNT_COUNT }, (_, index) => {
      const { id, name } = seedAccount(index);
      return { type: 'put' as const, key: id, value: name };
    }),
  );
  collectDefaultMetrics({ register: new Registry() });
  const adapter = new FastifyAdapter();
  logRequests(adapter.getInstance());
  const app = await NestFactory.create(DesignFloorModule, adapter, { logger: false });
  await app.listen(port, '127.0.0.1');
});
