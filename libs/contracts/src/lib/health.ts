import type { JSONSchemaType } from 'ajv';

/** `GET /health` on every service: 200 with UP, or 503 with DOWN and the reason. */
export type HealthBody = { status: 'UP' } | { status: 'DOWN'; reason: string };

export const HEALTH_UP: Readonly<HealthBody> = Object.freeze({ status: 'UP' });

/** The JSON schema of a HealthBody, as the OpenAPI documents state it. */
export const HEALTH_JSON_SCHEMA = {
  oneOf: [
    {
      type: 'object',
      properties: { status: { type: 'string', enum: ['UP'] } },
      required: ['status'],
      additionalProperties: false,
    },
    {
      type: 'object',
      properties: {
        status: { type: 'string', enum: ['DOWN'] },
        reason: { type: 'string', minLength: 1 },
      },
      required: ['status', 'reason'],
      additionalProperties: false,
    },
  ],
} as const satisfies JSONSchemaType<HealthBody>;
