import { SWARM_GRAPH_JSON_SCHEMA } from '@landscape/contracts';
import { type ServiceApiInfo, writeServiceDocument } from '@landscape/openapi';
import { AppModule, VISUALIZER_METHODS } from './app.module';
import { loadConfig } from './config/visualizer.config';

/** What the service's OpenAPI document says beyond its routes. */
export const VISUALIZER_API: ServiceApiInfo = {
  name: 'visualizer',
  description: 'A live graph of the Docker swarm, read from the engine API. It only reads.',
  methods: VISUALIZER_METHODS,
  schemas: { SwarmGraph: SWARM_GRAPH_JSON_SCHEMA },
};

// The build runs this file from the sources, with the real @nestjs/swagger, to write the
// document beside the bundle: `openapi.ts <file>`.
if (require.main === module) {
  void writeServiceDocument(
    { ...VISUALIZER_API, module: AppModule.forRoot(loadConfig({})) },
    process.argv[2],
  );
}
