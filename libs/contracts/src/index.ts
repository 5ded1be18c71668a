export * from './lib/account';
export * from './lib/quote';
export * from './lib/health';
export * from './lib/error-body';
export * from './lib/swarm-graph';
