import { recordFieldExtras } from './dto-metadata.js';

/** A short description, served in OpenAPI for `kubectl explain`. */
export function Describe(description: string): PropertyDecorator {
  return (target, property) => recordFieldExtras(target.constructor, String(property), { description });
}
