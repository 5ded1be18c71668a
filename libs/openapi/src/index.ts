export * from './lib/api-reference';
export * from './lib/service-document';
