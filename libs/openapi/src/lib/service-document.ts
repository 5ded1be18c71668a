import { ERROR_BODY_JSON_SCHEMA, HEALTH_JSON_SCHEMA } from '@landscape/contracts';
import {
  FRAMEWORK_MESSAGES,
  OPENAPI_DOCUMENT_PATH,
  READ_METHODS,
  errorBody,
  serviceRootModule,
} from '@landscape/runtime';
import type { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type {
  HeaderObject,
  OperationObject,
  PathItemObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { workspaceRoot } from '@nx/devkit';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { dirname, join } from 'node:path';

/** What the document says of a service beyond its routes. */
export interface ServiceApiInfo {
  /** The service's name, the document's title. */
  name: string;
  description: string;
  /** The methods it answers, as its main.ts gives them to runService (READ_METHODS if not). */
  methods?: readonly string[];
  /** The contracts' JSON schemas (libs/contracts) that its routes name with getSchemaPath. */
  schemas: Record<string, object>;
}

export interface ServiceApi extends ServiceApiInfo {
  /** The service's root module, as its main.ts runs it. */
  module: DynamicModule | Type;
}

function schemaRef(name: string): ReferenceObject {
  return { $ref: `#/components/schemas/${name}` };
}

const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Answers that any request can get, whatever its route, raised by Fastify, Node or the runtime
 * before a route runs: in `components.responses`, and on every operation that can meet them.
 */
const ANY_REQUEST_ERRORS = [400, 404, 405, 408, 413, 414, 431, 500] as const;
/** Of those, the ones a request that matched an operation can still get. */
const OPERATION_ERRORS = [400, 408, 413, 414, 431, 500] as const;

/** Names of `components.responses`, the reason phrase in one word: 405 is MethodNotAllowed. */
function errorResponseName(status: number): string {
  return (STATUS_CODES[status] ?? `Status${status}`).replace(/[^A-Za-z0-9]/g, '');
}

/**
 * The service's OpenAPI document, from its controllers' decorators and the contracts' schemas,
 * with the error contract that every route shares. The module is loaded in Nest's preview mode:
 * nothing is instantiated, so no database is opened and no peer is called.
 */
export async function buildServiceDocument(api: ServiceApi): Promise<OpenAPIObject> {
  const app = await NestFactory.create(serviceRootModule(api.module), new FastifyAdapter(), {
    preview: true,
    logger: false,
  });
  const document = documentOf(app, api);
  await app.close();
  return document;
}

/** The document of an app made from `api.module` (as runService or buildServiceDocument make it). */
export function documentOf(app: INestApplication, api: ServiceApiInfo): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(api.name)
    .setDescription(describe(api))
    .setVersion(serviceVersion())
    .build();
  return withErrorContract(SwaggerModule.createDocument(app, config), api.schemas);
}

function describe(api: ServiceApiInfo): string {
  const methods = api.methods ?? READ_METHODS;
  return [
    api.description,
    methods.includes('HEAD') ? 'Every GET also answers HEAD, without a body.' : '',
    'Every error is an ErrorBody. The errors any request can get, whatever its path, are in ' +
      `components.responses; a method other than ${methods.join(' and ')} gets 405, with Allow.`,
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** Writes the document to `file` (the build passes dist/apps/<app>/openapi.json). */
export async function writeServiceDocument(api: ServiceApi, file: string): Promise<void> {
  const document = await buildServiceDocument(api);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
}

/** The workspace's version, which the images' release tags start with. */
function serviceVersion(): string {
  const { version } = JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8'));
  return version;
}

function withErrorContract(
  document: OpenAPIObject,
  schemas: Record<string, object>,
): OpenAPIObject {
  const components = document.components ?? {};
  // The contracts' schemas are deeply readonly, OpenAPI's types are not: the document is JSON.
  components.schemas = {
    ...components.schemas,
    ...(schemas as Record<string, SchemaObject>),
    ErrorBody: ERROR_BODY_JSON_SCHEMA as object as SchemaObject,
    HealthBody: HEALTH_JSON_SCHEMA as object as SchemaObject,
  };
  components.responses = Object.fromEntries(
    ANY_REQUEST_ERRORS.map((status) => [errorResponseName(status), anyRequestError(status)]),
  );
  const paths: Record<string, PathItemObject> = {
    ...document.paths,
    [OPENAPI_DOCUMENT_PATH]: { get: documentOperation() },
  };
  for (const [path, item] of Object.entries(paths)) {
    for (const operation of operationsOf(item)) addSharedResponses(operation, path);
  }
  return { ...document, paths, components };
}

function anyRequestError(status: number): ResponseObject {
  const headers: Record<string, HeaderObject | ReferenceObject> = {
    [REQUEST_ID_HEADER]: requestIdHeader(status),
  };
  if (status === 405) {
    headers['allow'] = {
      description: 'The methods this service answers.',
      required: true,
      schema: { type: 'string' },
    };
  }
  const message = FRAMEWORK_MESSAGES[status] ?? 'POST is not allowed: this service only reads';
  return {
    description: status === 405 ? 'A method this service does not answer' : message,
    headers,
    content: {
      'application/json': { schema: schemaRef('ErrorBody'), example: errorBody(status, message) },
    },
  };
}

/**
 * Node answers 408 and 431, and Fastify a malformed URL (400) or an over-long path parameter
 * (414), before the request has an id: those answers may come without one.
 */
const BEFORE_REQUEST_ID = [400, 408, 414, 431];

function requestIdHeader(status: number): HeaderObject {
  return {
    required: !BEFORE_REQUEST_ID.includes(status),
    description:
      "The request id, as logged: the caller's x-request-id when it is 1 to 128 of " +
      'A-Z a-z 0-9 _ . : + / = -, else a UUID.',
    schema: { type: 'string', minLength: 1, maxLength: 128 },
  };
}

function documentOperation(): OperationObject {
  return {
    operationId: 'openApiDocument',
    summary: 'This document',
    tags: ['api'],
    responses: {
      200: {
        description: 'The OpenAPI document that the build generated from the code.',
        content: { 'application/json': { schema: { type: 'object' } } },
      },
    },
  };
}

function operationsOf(item: PathItemObject): OperationObject[] {
  return [item.get, item.put, item.post, item.delete, item.options, item.head, item.patch].filter(
    (operation): operation is OperationObject => operation !== undefined,
  );
}

/** x-request-id on every answer, and the errors that any request on this route can get. */
function addSharedResponses(operation: OperationObject, path: string): void {
  for (const status of OPERATION_ERRORS) {
    // 414 is a path parameter over the router's limit: only routes with parameters meet it.
    if (status === 414 && !path.includes('{')) continue;
    operation.responses[status] ??= { $ref: `#/components/responses/${errorResponseName(status)}` };
  }
  for (const [status, response] of Object.entries(operation.responses)) {
    if (response === undefined || '$ref' in response) continue;
    response.headers = {
      [REQUEST_ID_HEADER]: requestIdHeader(Number(status)),
      ...response.headers,
    };
  }
}
