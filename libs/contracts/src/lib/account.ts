import type { JSONSchemaType } from 'ajv';
import { type Quote, QUOTE_JSON_SCHEMA } from './quote';

/** `GET /accounts/:id` on accountservice. */
export interface Account {
  id: string;
  name: string;
  /** Address of the accountservice instance that answered. */
  servedBy: string;
  quote: Quote;
}

/** What accountservice keeps in LevelDB; `servedBy` and `quote` are added per request. */
export type StoredAccount = Pick<Account, 'id' | 'name'>;

/** The seeded accounts: ids 10000..10099, names Person_0..Person_99. */
export const SEED_ACCOUNT_COUNT = 100;
export const FIRST_ACCOUNT_ID = 10000;

export function seedAccount(index: number): StoredAccount {
  return { id: String(FIRST_ACCOUNT_ID + index), name: `Person_${index}` };
}

/** Longest id accepted: anything longer is malformed rather than unknown. */
export const ACCOUNT_ID_MAX_LENGTH = 18;
const ACCOUNT_ID_PATTERN = new RegExp(`^[0-9]{1,${ACCOUNT_ID_MAX_LENGTH}}$`);

export function isAccountId(value: string): boolean {
  return ACCOUNT_ID_PATTERN.test(value);
}

/** Longest account name accepted. */
export const ACCOUNT_NAME_MAX_LENGTH = 256;
// Control characters, and U+FFFD, which is what bytes that are not UTF-8 decode to.
// eslint-disable-next-line no-control-regex
const NOT_IN_A_NAME = /[\u0000-\u001f\u007f\ufffd]/;

/** Runtime check of an account's name: a non-empty string of text, as served in an Account. */
export function isAccountName(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= ACCOUNT_NAME_MAX_LENGTH &&
    !NOT_IN_A_NAME.test(value)
  );
}

/**
 * The JSON schema of an Account: what Fastify's serialiser (fast-json-stringify) writes, no more,
 * and what the OpenAPI document states. The type keeps it in step with the interface.
 */
export const ACCOUNT_JSON_SCHEMA = {
  type: 'object',
  properties: {
    id: {
      type: 'string',
      pattern: ACCOUNT_ID_PATTERN.source,
      minLength: 1,
      maxLength: ACCOUNT_ID_MAX_LENGTH,
    },
    name: { type: 'string', minLength: 1, maxLength: ACCOUNT_NAME_MAX_LENGTH },
    servedBy: { type: 'string', minLength: 1 },
    quote: QUOTE_JSON_SCHEMA,
  },
  required: ['id', 'name', 'servedBy', 'quote'],
  additionalProperties: false,
} as const satisfies JSONSchemaType<Account>;
