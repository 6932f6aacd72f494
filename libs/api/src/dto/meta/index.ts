export * from './object-meta.dto.js';
export * from './label-selector.dto.js';
export * from './condition-base.dto.js';
