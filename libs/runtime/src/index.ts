export * from './lib/call-context';
export * from './lib/config';
export * from './lib/error-contract';
export * from './lib/instance-address';
export * from './lib/logger';
export * from './lib/metrics';
export * from './lib/run-service';
export * from './lib/startup-error';
