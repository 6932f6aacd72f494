export * from './sink.js';
export * from './sink-options.js';
export { retryAfterMs } from './sink-errors.js';
export * from './opensearch-sink.js';
export * from './index-names.js';
export * from './index-templates.js';
export * from './dedot.js';
