import type { JSONSchemaType } from 'ajv';

/** `GET /api/quote` on quotes-service, embedded as `quote` in an Account. */
export interface Quote {
  quote: string;
  /** `<hostname>/<ip>:<port>` of the quotes-service instance that answered. */
  ipAddress: string;
  /** BCP 47 language tag of `quote`. */
  language: string;
}

/** The work factor accountservice asks quotes-service for, as the series' accountservice does. */
export const QUOTE_STRENGTH = 4;

/** Served in place of a real quote when quotes-service is down, slow, failing or open-circuited. */
export const FALLBACK_QUOTE: Readonly<Quote> = Object.freeze({
  quote: 'May the source be with you, always.',
  ipAddress: 'circuit-breaker',
  language: 'en',
});

/**
 * Runtime check of an untrusted body against the Quote contract. Returns a Quote holding exactly
 * the contract's fields, or undefined when the body does not match.
 */
export function parseQuote(body: unknown): Quote | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { quote, ipAddress, language } = body as Record<string, unknown>;
  if (!isNonEmptyString(quote) || !isNonEmptyString(ipAddress) || !isNonEmptyString(language)) {
    return undefined;
  }
  return { quote, ipAddress, language };
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** The JSON schema of a Quote, for the serialiser and the OpenAPI document (see Account's). */
export const QUOTE_JSON_SCHEMA = {
  type: 'object',
  properties: {
    quote: { type: 'string', minLength: 1 },
    ipAddress: { type: 'string', minLength: 1 },
    language: { type: 'string', minLength: 1 },
  },
  required: ['quote', 'ipAddress', 'language'],
  additionalProperties: false,
} as const satisfies JSONSchemaType<Quote>;
