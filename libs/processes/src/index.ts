export * from './lib/built-app';
export * from './lib/free-port';
export * from './lib/temp-dir';
