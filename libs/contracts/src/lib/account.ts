import type { Quote } from './quote';

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

/**
 * Runtime check of a stored value against the StoredAccount shape, for the account with this id.
 * Returns exactly the shape's fields, or undefined when the value does not match.
 */
export function parseStoredAccount(value: unknown, id: string): StoredAccount | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { id: storedId, name } = value as Record<string, unknown>;
  if (storedId !== id || typeof name !== 'string' || name.length === 0) return undefined;
  return { id, name };
}
