export * from './container-runtime.js';
