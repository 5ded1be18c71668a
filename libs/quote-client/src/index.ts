export * from './lib/deadline';
export * from './lib/quote-call';
