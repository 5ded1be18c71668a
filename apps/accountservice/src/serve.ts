// What `nx serve` runs from the sources: the service as main.ts starts it, with its API
// reference (Swagger UI) at /api/docs.
import { serveApiReference } from '@landscape/openapi';
import { runService } from '@landscape/runtime';
import { ACCOUNTSERVICE_API } from './openapi';
import { defineAccountService } from './service';

void runService('accountservice', () => ({
  ...defineAccountService(),
  addRoutes: serveApiReference(ACCOUNTSERVICE_API),
}));
