export * from './meta/object-meta.js';
export * from './meta/status.js';
export * from './errors/field-error.js';
export * from './errors/api-error.js';
export * from './resources/resource-type.js';
export * from './resources/builtin-resources.js';
export * from './resources/resource-catalog.js';
export * from './patch/patch-schema.js';
