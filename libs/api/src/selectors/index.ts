export type { LabelOperator, LabelRequirement } from './label-requirement.js';
export { labelRequirement } from './label-requirement.js';
export * from './parsed-label-selector.js';
export * from './parse-label-selector.js';
export * from './label-selector-from-object.js';
export * from './field-selector.js';
export * from './parse-field-selector.js';
