import { QUOTE_CATALOG } from './quote-catalog';

describe('QUOTE_CATALOG', () => {
  it('holds at least 50 distinct quotes', () => {
    expect(QUOTE_CATALOG.length).toBeGreaterThanOrEqual(50);
    expect(new Set(QUOTE_CATALOG.map((entry) => entry.text)).size).toBe(QUOTE_CATALOG.length);
  });

  it('attributes every quote and tags its language', () => {
    for (const entry of QUOTE_CATALOG) {
      expect(entry.text.trim()).toBe(entry.text);
      expect(entry.text.length).toBeGreaterThan(5);
      expect(entry.author.length).toBeGreaterThan(2);
      expect(entry.language).toMatch(/^[a-z]{2}$/);
    }
  });
});
