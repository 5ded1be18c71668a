import { Inject, Injectable } from '@nestjs/common';
import type { Quote } from '@landscape/contracts';
import { quoteWork } from '@landscape/quote-work';
import { instanceAddress } from '@landscape/runtime';
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
    quoteWork(quote, strength);
    return { quote, ipAddress: this.ipAddress, language: entry.language };
  }
}

function randomEntry(): CatalogEntry {
  return QUOTE_CATALOG[Math.floor(Math.random() * QUOTE_CATALOG.length)];
}
