export * from './lib/browser';
export * from './lib/built-service';
export * from './lib/free-port';
export * from './lib/http-json';
export * from './lib/loadtest-cli';
export * from './lib/stub-server';
export * from './lib/temp-dir';
export * from './lib/timed';
