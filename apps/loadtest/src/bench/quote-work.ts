import { createHash } from 'node:crypto';

/** The quote the reference servers and the floors answer. */
export const QUOTE_TEXT = 'Lost time is never found again. — Benjamin Franklin';

/** quotes-service's work per quote: 2^strength rounds of SHA-256. */
export function hashRounds(input: string, strength: number): string {
  let digest = input;
  for (let round = 0; round < 2 ** strength; round += 1) {
    digest = createHash('sha256').update(digest).digest('hex');
  }
  return digest;
}
