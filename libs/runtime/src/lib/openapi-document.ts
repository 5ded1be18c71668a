import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the build writes the service's OpenAPI document: beside the bundle. */
export const OPENAPI_DOCUMENT_FILE = 'openapi.json';
export const OPENAPI_DOCUMENT_PATH = `/${OPENAPI_DOCUMENT_FILE}`;

/**
 * `GET /openapi.json`: the document that the build generated from the code, served as it is.
 * It is read at the first request, so the start pays for one stat only; a run from the sources
 * has no built document and serves the API reference's instead.
 */
export function serveBuiltDocument(app: NestFastifyApplication): void {
  const file = join(__dirname, OPENAPI_DOCUMENT_FILE);
  if (!existsSync(file)) return;
  let document: Buffer | undefined;
  app
    .getHttpAdapter()
    .getInstance()
    .get(OPENAPI_DOCUMENT_PATH, (_request, reply) => {
      document ??= readFileSync(file);
      void reply.type('application/json; charset=utf-8').send(document);
    });
}
