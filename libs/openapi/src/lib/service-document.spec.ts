import SwaggerParser from '@apidevtools/swagger-parser';
import { Controller, Get, Module, Param } from '@nestjs/common';
import { ApiOkResponse, getSchemaPath } from '@nestjs/swagger';
import type { OpenAPIV3 } from 'openapi-types';
import { buildServiceDocument } from './service-document';

const THING = {
  type: 'object',
  properties: { id: { type: 'string' } },
  required: ['id'],
  additionalProperties: false,
} as const;

@Controller('things')
class ThingsController {
  @Get(':id')
  @ApiOkResponse({ description: 'A thing', schema: { $ref: getSchemaPath('Thing') } })
  find(@Param('id') id: string) {
    return { id };
  }

  @Get()
  @ApiOkResponse({
    description: 'All things',
    schema: { type: 'array', items: { $ref: getSchemaPath('Thing') } },
  })
  all() {
    return [];
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

describe('buildServiceDocument', () => {
  let document: OpenAPIV3.Document;

  beforeAll(async () => {
    document = (await buildServiceDocument({
      name: 'things',
      description: 'Things.',
      module: ThingsModule,
      schemas: { Thing: THING },
    })) as unknown as OpenAPIV3.Document;
  });

  it('passes a real OpenAPI 3 validator', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('holds the routes, /metrics and /openapi.json, with the contract schemas by name', () => {
    expect(Object.keys(document.paths).sort()).toEqual([
      '/metrics',
      '/openapi.json',
      '/things',
      '/things/{id}',
    ]);
    expect(document.components?.schemas?.['Thing']).toEqual(THING);
    expect(Object.keys(document.components?.schemas ?? {})).toEqual(
      expect.arrayContaining(['ErrorBody', 'HealthBody']),
    );
  });

  it('lists the errors any request can get on every operation, 414 only where a path has parameters', () => {
    const statuses = (path: string) => Object.keys(document.paths[path]?.get?.responses ?? {});
    expect(statuses('/things/{id}')).toEqual(['200', '400', '408', '413', '414', '431', '500']);
    expect(statuses('/things')).toEqual(['200', '400', '408', '413', '431', '500']);
    expect(document.components?.responses?.['MethodNotAllowed']).toMatchObject({
      headers: { allow: { required: true } },
    });
  });

  it('puts x-request-id on every answer, required where the request has an id by then', () => {
    const ok = document.paths['/things/{id}']?.get?.responses['200'] as OpenAPIV3.ResponseObject;
    expect(ok.headers?.['x-request-id']).toMatchObject({ required: true });
    const tooLong = document.components?.responses?.['URITooLong'] as OpenAPIV3.ResponseObject;
    expect(tooLong.headers?.['x-request-id']).toMatchObject({ required: false });
  });

  it('says which methods answer: GET and HEAD unless the service says otherwise', () => {
    expect(document.info.description).toContain('Every GET also answers HEAD');
    expect(document.info.description).toContain('a method other than GET and HEAD gets 405');
  });
});
