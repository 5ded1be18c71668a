import type { JSONSchemaType } from 'ajv';

/** Body of every 4xx/5xx answer: the shape NestJS's built-in exception filter writes. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
}

/** The JSON schema of an ErrorBody, as the OpenAPI documents state it. */
export const ERROR_BODY_JSON_SCHEMA = {
  type: 'object',
  properties: {
    statusCode: { type: 'integer', minimum: 400, maximum: 599 },
    error: { type: 'string', minLength: 1, description: "the status's reason phrase" },
    message: { type: 'string', minLength: 1 },
  },
  required: ['statusCode', 'error', 'message'],
  additionalProperties: false,
} as const satisfies JSONSchemaType<ErrorBody>;
