export * from './patch-schema.js';
export * from './patch-content-type.js';
export * from './apply-patch.js';
export * from './json-patch.js';
export * from './json-merge-patch.js';
export * from './strategic-merge-patch.js';
export * from './server-side-apply.js';
export type { JsonObject } from './json-value.js';
