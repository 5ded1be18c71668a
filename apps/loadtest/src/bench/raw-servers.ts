/**
 * The benchmark's reference servers: plain node:http, no framework, everything in memory. They
 * answer the same JSON as the landscape's services, so that the difference is the stack's cost.
 *
 *   raw-servers.js account <port>               accounts from a Map, with the fallback quote
 *   raw-servers.js quotes <port>                a quote after 2^strength SHA-256 rounds
 *   raw-servers.js account <port> <quotesUrl>   accounts from a Map, each with a quote fetched
 *                                               from quotesUrl over a keep-alive agent
 */
import {
  type Account,
  FALLBACK_QUOTE,
  parseQuote,
  type Quote,
  QUOTE_STRENGTH,
  SEED_ACCOUNT_COUNT,
  seedAccount,
} from '@landscape/contracts';
import { Agent, createServer, get, type IncomingMessage, type ServerResponse } from 'node:http';
import { hashRounds, QUOTE_TEXT } from './quote-work';

function serve(port: number, handle: (request: IncomingMessage, response: ServerResponse) => void) {
  createServer(handle).listen(port, '127.0.0.1');
  process.on('SIGTERM', () => process.exit(0));
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

function accountServer(port: number, fetchQuote: () => Promise<Quote>): void {
  const accounts = new Map<string, Account>();
  for (let index = 0; index < SEED_ACCOUNT_COUNT; index += 1) {
    const { id, name } = seedAccount(index);
    accounts.set(id, { id, name, servedBy: '127.0.0.1', quote: FALLBACK_QUOTE });
  }
  serve(port, (request, response) => {
    const account = accounts.get((request.url ?? '').slice('/accounts/'.length));
    if (!account) return send(response, 404, { statusCode: 404, message: 'not found' });
    void fetchQuote().then((quote) => send(response, 200, { ...account, quote }));
  });
}

function quotesServer(port: number): void {
  serve(port, (request, response) => {
    const strength = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('strength'));
    hashRounds(QUOTE_TEXT, strength);
    send(response, 200, { quote: QUOTE_TEXT, ipAddress: `raw/127.0.0.1:${port}`, language: 'en' });
  });
}

function quoteFetcher(quotesUrl: string): () => Promise<Quote> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const url = `${quotesUrl}/api/quote?strength=${QUOTE_STRENGTH}`;
  return () =>
    new Promise((resolve) => {
      get(url, { agent }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => {
          try {
            resolve(parseQuote(JSON.parse(body)) ?? FALLBACK_QUOTE);
          } catch {
            resolve(FALLBACK_QUOTE);
          }
        });
      }).on('error', () => resolve(FALLBACK_QUOTE));
    });
}

const [kind, port, quotesUrl] = process.argv.slice(2);
if (kind === 'quotes') quotesServer(Number(port));
else if (kind === 'account') {
  accountServer(Number(port), quotesUrl ? quoteFetcher(quotesUrl) : async () => FALLBACK_QUOTE);
} else {
  console.error('usage: raw-servers.js account|quotes <port> [quotesUrl]');
  process.exit(2);
}
