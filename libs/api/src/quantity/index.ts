export * from './quantity.js';
export * from './is-quantity.js';
