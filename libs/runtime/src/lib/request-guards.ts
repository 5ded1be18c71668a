import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { errorBody } from './error-contract';

/** Fastify's default bodyLimit, which it applies only to the methods whose bodies it reads. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Before routing, and before any body is read: the request id goes on the answer's
 * x-request-id; 405, with an Allow header, for a method not in `methods` (these services only
 * serve reads); 413 for a declared body over the limit, which Fastify would otherwise not check
 * on a GET.
 */
export function guardRequests(app: NestFastifyApplication, methods: readonly string[]): void {
  const allow = methods.join(', ');
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request, reply, done) => {
      void reply.header('x-request-id', request.id);
      if (!methods.includes(request.method)) {
        void reply
          .code(405)
          .header('allow', allow)
          .send(errorBody(405, `${request.method} is not allowed: this service only reads`));
        return;
      }
      const length = request.headers['content-length'];
      if (length !== undefined && Number(length) > BODY_LIMIT_BYTES) {
        void reply.code(413).send(errorBody(413, 'the request body is too large'));
        return;
      }
      done();
    });
}
