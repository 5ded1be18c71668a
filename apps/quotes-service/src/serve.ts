// What `nx serve` runs from the sources: the service as main.ts starts it, with its API
// reference (Swagger UI) at /api/docs.
import { serveApiReference } from '@landscape/openapi';
import { runService } from '@landscape/runtime';
import { QUOTES_SERVICE_API } from './openapi';
import { defineQuotesService } from './service';

void runService('quotes-service', () => ({
  ...defineQuotesService(),
  addRoutes: serveApiReference(QUOTES_SERVICE_API),
}));
