import type { IncomingMessage, Server, ServerResponse } from 'node:http';

const CHECK_INTERVAL_MS = 50;

/**
 * Keeps serving, and answers every request from now on with `Connection: close`, until the server
 * holds no connection or `ms` have passed.
 *
 * Closing the server at once would close its idle kept-alive connections at once, and a client
 * that sends on one of them at that moment gets a reset it cannot tell from a failure. A load
 * balancer that stops a task (Swarm's virtual IP, a proxy) sends no new connections to it, but
 * leaves its clients' open connections where they are: over the drain, each of them carries one
 * more request, answered, and its client closes it.
 */
export function drainConnections(server: Server, ms: number): Promise<void> {
  const askToClose = (_request: IncomingMessage, response: ServerResponse) => {
    response.setHeader('connection', 'close');
  };
  // Before the framework's own listener, so that the header is there when it answers.
  server.prependListener('request', askToClose);
  const until = performance.now() + ms;
  return new Promise((resolve) => {
    const check = () =>
      server.getConnections((_error, count) => {
        if (count === 0 || performance.now() >= until) resolve();
        else setTimeout(check, CHECK_INTERVAL_MS);
      });
    check();
  });
}
