export { modelOf, type ClassModel, type FieldModel, type FieldKind } from './dto-model.js';
export * from './json-schemas.js';
export * from './patch-schema-for.js';
