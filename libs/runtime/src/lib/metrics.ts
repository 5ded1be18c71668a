import { Controller, type DynamicModule, Get, Header, Module } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { collectDefaultMetrics, Registry } from 'prom-client';

const NOT_COUNTERS = [
  'nodejs_active_handles_total',
  'nodejs_active_requests_total',
  'nodejs_active_resources_total',
];

/** `GET /metrics`: the service's metrics in Prometheus's text format. */
@ApiTags('metrics')
@Controller('metrics')
class MetricsController {
  constructor(private readonly registry: Registry) {}

  @Get()
  @Header('content-type', Registry.PROMETHEUS_CONTENT_TYPE)
  @ApiOperation({ operationId: 'metrics', summary: "The service's metrics" })
  @ApiOkResponse({
    description: "Prometheus's text exposition format",
    content: { [Registry.PROMETHEUS_CONTENT_TYPE]: { schema: { type: 'string' } } },
  })
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}

/**
 * The service's Prometheus registry (with the process and runtime defaults), injectable as
 * `Registry` wherever a metric is defined, and `GET /metrics`. createServiceApp imports it.
 */
@Module({})
export class MetricsModule {
  static forRoot(): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      controllers: [MetricsController],
      providers: [
        {
          provide: Registry,
          useFactory: () => {
            const registry = new Registry();
            collectDefaultMetrics({ register: registry });
            // Gauges named like counters, which Prometheus's own lint (promtool) rejects.
            for (const name of NOT_COUNTERS) registry.removeSingleMetric(name);
            return registry;
          },
        },
      ],
      exports: [Registry],
    };
  }
}
