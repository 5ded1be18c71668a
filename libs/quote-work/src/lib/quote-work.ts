import { createHash } from 'node:crypto';

/**
 * The work a quote's `strength` asks of quotes-service, as bcrypt's cost does: 2^strength rounds
 * of SHA-256 over the quote. The benchmark's reference and baseline do the same work with it.
 */
export function quoteWork(input: string, strength: number): string {
  let digest = input;
  for (let round = 0; round < 2 ** strength; round++) {
    digest = createHash('sha256').update(digest).digest('hex');
  }
  return digest;
}
