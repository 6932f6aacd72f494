export * from './api-client.js';
export * from './informer.js';
