/**
 * A framework baseline (`design-baseline.js <port> <dataDir>`): the NestJS baseline with the
 * libraries the design names, and nothing of accountservice's own route: the name read from
 * LevelDB (`getSync`, the seeded accounts), the quote call built (libs/quote-client, @nestjs/axios
 * over undici) but not called, as accountservice's with its breaker open, and prom-client's
 * default metrics. What the design costs before the service's work.
 */
import 'reflect-metadata';
import {
  type Account,
  ACCOUNT_JSON_SCHEMA,
  FALLBACK_QUOTE,
  SEED_ACCOUNT_COUNT,
  seedAccount,
} from '@landscape/contracts';
import { QuoteCall } from '@landscape/quote-client';
import { Controller, Get, Module, NotFoundException, Param } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, RouteSchema } from '@nestjs/platform-fastify';
import { Level } from 'level';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { logRequests, runBaseline } from './baseline-route';

let names: ReturnType<typeof openNames>;

function openNames(dataDir: string) {
  const db = new Level<string, string>(dataDir, { valueEncoding: 'utf8' });
  return db.sublevel<string, string>('accounts', { valueEncoding: 'utf8' });
}

@Controller('accounts')
class AccountsController {
  constructor(readonly quotes: QuoteCall) {}

  @Get(':id')
  @RouteSchema({ response: { 200: ACCOUNT_JSON_SCHEMA } })
  findOne(@Param('id') id: string): Account {
    const name = names.getSync(id);
    if (name === undefined) throw new NotFoundException(`account ${id} not found`);
    return { id, name, servedBy: '127.0.0.1', quote: FALLBACK_QUOTE };
  }
}

@Module({
  controllers: [AccountsController],
  providers: [
    {
      provide: QuoteCall,
      useFactory: () =>
        new QuoteCall({
          baseUrl: 'http://127.0.0.1:1',
          timeoutMs: 300,
          connectionMaxAgeMs: 5_000,
          hedgeAfterMs: 100,
        }),
    },
  ],
})
class DesignBaselineModule {}

runBaseline('design-baseline', async (port, [dataDir]) => {
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
  const app = await NestFactory.create(DesignBaselineModule, adapter, { logger: false });
  await app.listen(port, '127.0.0.1');
});
