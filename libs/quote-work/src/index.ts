export * from './lib/quote-work';
