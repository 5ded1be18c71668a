import { ACCOUNT_JSON_SCHEMA, QUOTE_JSON_SCHEMA } from '@landscape/contracts';
import { type ServiceApiInfo, writeServiceDocument } from '@landscape/openapi';
import { AppModule } from './app.module';
import { loadConfig } from './config/account-service.config';

/** What the service's OpenAPI document says beyond its routes. */
export const ACCOUNTSERVICE_API: ServiceApiInfo = {
  name: 'accountservice',
  description:
    'Accounts from LevelDB, each with a quote from quotes-service (the Go microservices series, part 5).',
  schemas: { Account: ACCOUNT_JSON_SCHEMA, Quote: QUOTE_JSON_SCHEMA },
};

// The build runs this file from the sources, with the real @nestjs/swagger, to write the
// document beside the bundle: `openapi.ts <file>`.
if (require.main === module) {
  void writeServiceDocument(
    { ...ACCOUNTSERVICE_API, module: AppModule.forRoot(loadConfig({})) },
    process.argv[2],
  );
}
