export * from './config-error.js';
export * from './config-reader.js';
export * as parsers from './config-parsers.js';
export * from './apiserver-config.js';
