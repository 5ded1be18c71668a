import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** The visualizer only reads: every method but GET gets 405, before any route runs. */
export function rejectAllButGet(app: NestFastifyApplication): void {
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      if (request.method === 'GET') return done();
      reply
        .code(405)
        .header('allow', 'GET')
        .send({
          statusCode: 405,
          error: 'Method Not Allowed',
          message: `${request.method} is not allowed: this app only reads`,
        });
    });
}
