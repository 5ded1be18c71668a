export * from './lib/footprint-monitor';
export * from './lib/footprint-source';
export * from './lib/outcome';
export * from './lib/process-source';
export * from './lib/run-load';
export * from './lib/scenario';
