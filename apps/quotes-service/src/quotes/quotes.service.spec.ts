import { hostname } from 'node:os';
import { instanceAddress } from '@landscape/runtime';
import { QUOTE_CATALOG } from './quote-catalog';
import { QuotesService } from './quotes.service';

describe('QuotesService', () => {
  const service = new QuotesService({
    server: { port: 8080, shutdownTimeoutMs: 10_000, shutdownDrainMs: 5_000, maxConnections: 1024 },
  });

  it('answers an attributed catalog quote, naming this instance', () => {
    const quote = service.random(4);
    expect(quote.ipAddress).toBe(`${hostname()}/${instanceAddress()}:8080`);
    const entry = QUOTE_CATALOG.find((e) => quote.quote === `${e.text} — ${e.author}`);
    expect(entry).toBeDefined();
    expect(quote.language).toBe(entry?.language);
  });

  it('spreads its picks over the catalog', () => {
    const seen = new Set(Array.from({ length: 500 }, () => service.random(0).quote));
    expect(seen.size).toBeGreaterThan(QUOTE_CATALOG.length / 2);
  });
});
