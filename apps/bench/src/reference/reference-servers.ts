/**
 * The benchmark's reference servers: plain node:http, no framework, everything in memory. They
 * answer the same JSON as the landscape's services, so that the difference is the stack's cost.
 *
 *   reference-servers.js account <port>              accounts from a Map, with the fallback quote
 *   reference-servers.js quotes <port>               a quote after quotes-service's own work
 *   reference-servers.js account <port> <quotesUrl>  accounts from a Map, each with a quote
 *                                                    fetched from quotesUrl (keep-alive agent)
 */
import { FALLBACK_QUOTE, parseQuote, type Quote, QUOTE_STRENGTH } from '@landscape/contracts';
import { quoteWork } from '@landscape/quote-work';
import { Agent, createServer, get, type IncomingMessage, type ServerResponse } from 'node:http';
import { QUOTE_TEXT, seededAccounts } from '../seeded-accounts';

function serve(port: number, handle: (request: IncomingMessage, response: ServerResponse) => void) {
  createServer(handle).listen(port, '127.0.0.1');
  process.on('SIGTERM', () => process.exit(0));
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

function accountServer(port: number, fetchQuote: () => Promise<Quote>): void {
  const accounts = seededAccounts();
  serve(port, (request, response) => {
    const account = accounts.get((request.url ?? '').slice('/accounts/'.length));
    if (!account) return send(response, 404, { statusCode: 404, message: 'not found' });
    void fetchQuote().then((quote) => send(response, 200, { ...account, quote }));
  });
}

function quotesServer(port: number): void {
  serve(port, (request, response) => {
    const strength = Number(new URL(request.url ?? '/', 'http://x').searchParams.get('strength'));
    quoteWork(QUOTE_TEXT, strength);
    send(response, 200, {
      quote: QUOTE_TEXT,
      ipAddress: `reference/127.0.0.1:${port}`,
      language: 'en',
    });
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
  console.error('usage: reference-servers.js account|quotes <port> [quotesUrl]');
  process.exit(2);
}
