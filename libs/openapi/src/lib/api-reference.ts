import { OPENAPI_DOCUMENT_PATH, PAGE_CONTENT_SECURITY_POLICY } from '@landscape/runtime';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { documentOf, type ServiceApiInfo } from './service-document';

export const API_REFERENCE_PATH = '/api/docs';

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>API reference</title>
    <link rel="stylesheet" href="${API_REFERENCE_PATH}/swagger-ui.css">
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="${API_REFERENCE_PATH}/swagger-ui-bundle.js"></script>
    <script src="${API_REFERENCE_PATH}/init.js"></script>
  </body>
</html>
`;

const INIT = `window.ui = SwaggerUIBundle({ url: '${OPENAPI_DOCUMENT_PATH}', dom_id: '#swagger-ui' });\n`;

/**
 * For a run from the sources (`nx serve`): Swagger UI at /api/docs, from the swagger-ui-dist
 * package (no CDN) under the pages' Content-Security-Policy, and /openapi.json built from the
 * running app, so that it follows every change the watcher restarts for. The images leave it out.
 */
export function serveApiReference(api: ServiceApiInfo) {
  return async (app: NestFastifyApplication): Promise<void> => {
    const fastify = app.getHttpAdapter().getInstance();
    const swaggerUi = dirname(require.resolve('swagger-ui-dist/package.json'));
    const asset = (file: string) => readFileSync(join(swaggerUi, file), 'utf8');
    const files: Record<string, [type: string, body: () => string]> = {
      '': ['text/html', () => PAGE],
      '/swagger-ui.css': ['text/css', () => asset('swagger-ui.css')],
      '/swagger-ui-bundle.js': ['text/javascript', () => asset('swagger-ui-bundle.js')],
      '/init.js': ['text/javascript', () => INIT],
    };
    for (const [path, [type, body]] of Object.entries(files)) {
      fastify.get(`${API_REFERENCE_PATH}${path}`, (_request, reply) => {
        void reply
          .type(`${type}; charset=utf-8`)
          .header('content-security-policy', PAGE_CONTENT_SECURITY_POLICY)
          .header('x-content-type-options', 'nosniff')
          .send(body());
      });
    }
    // The routes of the app's controllers are known once it is initialised.
    let document: string | undefined;
    fastify.get(OPENAPI_DOCUMENT_PATH, (_request, reply) => {
      document ??= JSON.stringify(documentOf(app, api));
      void reply.type('application/json; charset=utf-8').send(document);
    });
  };
}
