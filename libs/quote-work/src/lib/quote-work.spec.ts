import { createHash } from 'node:crypto';
import { quoteWork } from './quote-work';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('quoteWork', () => {
  it('hashes the quote 2^strength times with SHA-256', () => {
    expect(quoteWork('q', 0)).toBe(sha256('q'));
    expect(quoteWork('q', 2)).toBe(sha256(sha256(sha256(sha256('q')))));
  });
});
