export * from './lib/undici-adapter';
