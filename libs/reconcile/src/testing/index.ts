export * from './fake-informer.js';
export * from './wait-until.js';
