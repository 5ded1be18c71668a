import { FALLBACK_QUOTE, parseQuote } from './quote';

describe('parseQuote', () => {
  const valid = {
    quote: 'Clear is better than clever.',
    ipAddress: 'h/10.0.0.5:8080',
    language: 'en',
  };

  it('accepts a Quote and keeps exactly its fields, in contract order', () => {
    const parsed = parseQuote({
      language: 'en',
      extra: 1,
      ipAddress: valid.ipAddress,
      quote: valid.quote,
    });
    expect(JSON.stringify(parsed)).toBe(JSON.stringify(valid));
  });

  it.each([
    ['null', null],
    ['a string', 'quote'],
    ['an array', [valid]],
    ['a missing field', { quote: 'q', ipAddress: 'ip' }],
    ['an empty field', { ...valid, quote: '' }],
    ['a number field', { ...valid, language: 1 }],
  ])('rejects %s', (_, body) => {
    expect(parseQuote(body)).toBeUndefined();
  });

  it('accepts the fallback quote, which matches API.md', () => {
    expect(parseQuote(FALLBACK_QUOTE)).toEqual({
      quote: 'May the source be with you, always.',
      ipAddress: 'circuit-breaker',
      language: 'en',
    });
    expect(Object.isFrozen(FALLBACK_QUOTE)).toBe(true);
  });
});
