import { QUOTE_JSON_SCHEMA } from '@landscape/contracts';
import { type ServiceApiInfo, writeServiceDocument } from '@landscape/openapi';
import { AppModule } from './app.module';
import { loadConfig } from './config/quotes-service.config';

/** What the service's OpenAPI document says beyond its routes. */
export const QUOTES_SERVICE_API: ServiceApiInfo = {
  name: 'quotes-service',
  description:
    'Quotes for accountservice, with CPU-bound work on demand. Internal: never published.',
  schemas: { Quote: QUOTE_JSON_SCHEMA },
};

// The build runs this file from the sources, with the real @nestjs/swagger, to write the
// document beside the bundle: `openapi.ts <file>`.
if (require.main === module) {
  void writeServiceDocument(
    { ...QUOTES_SERVICE_API, module: AppModule.forRoot(loadConfig({})) },
    process.argv[2],
  );
}
