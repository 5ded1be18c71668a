/**
 * A framework baseline (`fastify-baseline.js <port>`): the account route as the smallest Fastify
 * service that answers the contract's JSON through its response schema and logs one line per
 * request as the services do. Nothing of accountservice's own work: what Fastify and the request
 * line cost.
 */
import { ACCOUNT_JSON_SCHEMA } from '@landscape/contracts';
import fastify from 'fastify';
import { seededAccounts } from '../seeded-accounts';
import { logRequests, runBaseline } from './baseline-route';

runBaseline('fastify-baseline', async (port) => {
  const accounts = seededAccounts();
  const app = fastify();
  logRequests(app);
  app.get<{ Params: { id: string } }>(
    '/accounts/:id',
    { schema: { response: { 200: ACCOUNT_JSON_SCHEMA } } },
    async (request, reply) => {
      const account = accounts.get(request.params.id);
      if (!account) return reply.code(404).send({ statusCode: 404, message: 'not found' });
      return account;
    },
  );
  await app.listen({ port, host: '127.0.0.1' });
});
