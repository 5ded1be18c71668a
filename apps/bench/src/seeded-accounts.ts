import {
  type Account,
  FALLBACK_QUOTE,
  SEED_ACCOUNT_COUNT,
  seedAccount,
} from '@landscape/contracts';

/** The quote the reference servers and the baselines answer. */
export const QUOTE_TEXT = 'Lost time is never found again. — Benjamin Franklin';

/**
 * The accounts accountservice seeds, in memory and with the fallback quote, for the reference
 * servers and the baselines that keep no database.
 */
export function seededAccounts(): Map<string, Account> {
  const accounts = new Map<string, Account>();
  for (let index = 0; index < SEED_ACCOUNT_COUNT; index += 1) {
    const { id, name } = seedAccount(index);
    accounts.set(id, { id, name, servedBy: '127.0.0.1', quote: FALLBACK_QUOTE });
  }
  return accounts;
}
