export * from './dto-metadata.js';
export * from './definition.js';
export * from './describe.js';
export * from './patch-tag.js';
export * from './nested.js';
export * from './json-types.js';
