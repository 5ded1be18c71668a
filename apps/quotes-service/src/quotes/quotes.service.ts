import { Inject, Injectable } from '@nestjs/common';
import type { Quote } from '@landscape/contracts';
import { instanceAddress } from '@landscape/runtime';
import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { type QuotesServiceConfig, QUOTES_SERVICE_CONFIG } from '../config/quotes-service.config';
import { type CatalogEntry, QUOTE_CATALOG } from './quote-catalog';

@Injectable()
export class QuotesService {
  /** `<hostname>/<ip>:<port>` of this instance. */
  private readonly ipAddress: string;

  constructor(@Inject(QUOTES_SERVICE_CONFIG) config: QuotesServiceConfig) {
    this.ipAddress = `${hostname()}/${instanceAddress()}:${config.server.port}`;
  }

  random(strength: number): Quote {
    const entry = randomEntry();
    const quote = `${entry.text} — ${entry.author}`;
    work(quote, strength);
    return { quote, ipAddress: this.ipAddress, language: entry.language };
  }
}

function randomEntry(): CatalogEntry {
  return QUOTE_CATALOG[Math.floor(Math.random() * QUOTE_CATALOG.length)];
}

/** 2^strength rounds of SHA-256: CPU work that grows with strength as bcrypt's cost does. */
function work(input: string, strength: number): string {
  let digest = input;
  for (let round = 0; round < 2 ** strength; round++) {
    digest = createHash('sha256').update(digest).digest('hex');
  }
  return digest;
}
