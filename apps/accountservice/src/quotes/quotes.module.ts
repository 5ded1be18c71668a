import { HttpModule, type HttpModuleOptions } from '@nestjs/axios';
import { Module } from '@nestjs/common';
import { Agent } from 'undici';
import { QuoteClient } from './quote.client';
import { undiciAdapter } from './undici-adapter';

/**
 * Requests per pooled connection to quotes-service before it is closed and replaced. A kept-alive
 * connection stays pinned to the instance it first reached; reconnecting now and then resolves
 * the service name again, so that replicas added by a scale-up get their share of calls.
 */
const MAX_REQUESTS_PER_CONNECTION = 100;

/**
 * How long a pooled connection may sit idle, whatever keep-alive timeout the server announces
 * (Fastify's is 72 s): after a burst, the pool shrinks within seconds, so that the next calls
 * connect afresh and reach replicas added meanwhile.
 */
const IDLE_CONNECTION_MS = 4_000;

/** axios over a keep-alive undici pool of up to 256 connections per origin. */
export function quotesHttpOptions(): HttpModuleOptions {
  return {
    adapter: undiciAdapter(
      new Agent({
        connections: 256,
        maxRequestsPerClient: MAX_REQUESTS_PER_CONNECTION,
        keepAliveTimeout: IDLE_CONNECTION_MS,
        keepAliveMaxTimeout: IDLE_CONNECTION_MS,
      }),
    ),
  };
}

@Module({
  imports: [HttpModule.registerAsync({ useFactory: quotesHttpOptions })],
  providers: [QuoteClient],
  exports: [QuoteClient],
})
export class QuotesModule {}
