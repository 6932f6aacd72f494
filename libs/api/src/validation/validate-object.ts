import { dtoFor } from '../dto/kind-dtos.js';
import type { FieldError } from '../errors/field-error.js';
import type { ResourceType } from '../resources/resource-type.js';
import { modelOf } from '../schema/dto-model.js';
import { kindRulesFor } from './kind-rules.js';
import { validateObjectMeta } from './object-meta-rules.js';
import { MAX_REPORTED_ERRORS, walkStructure } from './structure-walker.js';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export interface ValidationResult {
  errors: FieldError[];
  /** Dotted paths of fields no DTO declares ("spec.foo", "spec.template.spec.containers[0].imagee"). */
  unknownFields: string[];
  /** The object as Kubernetes would decode it: unknown fields and nulls dropped; the input is not changed. */
  object: Record<string, unknown>;
}

/**
 * Validates a decoded body of `type`: JSON types and declared fields from the DTOs, then
 * metadata and kind rules as Kubernetes words them. Wrong JSON types stop there (Kubernetes
 * cannot even decode such a body). Works before or after applyDefaults; fields defaulting
 * fills (RC selector, probe thresholds, volume source) are not required here.
 * With fieldValidation Ignore, unknown fields are dropped without being listed.
 */
export function validateObject(
  type: ResourceType,
  obj: unknown,
  opts: { fieldValidation: FieldValidation },
): ValidationResult {
  const structure = walkStructure(modelOf(dtoFor(type)), obj, opts.fieldValidation !== 'Ignore');
  const result = { unknownFields: structure.unknownFields, object: structure.pruned };
  if (structure.typeErrors.length > 0) return { ...result, errors: [...structure.typeErrors, ...structure.errors] };
  const rules = kindRulesFor(type.kind);
  const metadata = structure.pruned.metadata as Parameters<typeof validateObjectMeta>[0];
  const errors = [
    ...structure.errors,
    ...validateObjectMeta(metadata, type.namespaced, rules.name),
    ...(rules.validate?.(structure.pruned) ?? []),
  ];
  return { ...result, errors: dedupe(errors).slice(0, MAX_REPORTED_ERRORS) };
}

/** Kubernetes' decoder drops fields the type does not declare; this does the same, returning a copy. */
export function pruneUnknownFields(type: ResourceType, obj: unknown): Record<string, unknown> {
  return walkStructure(modelOf(dtoFor(type)), obj, false).pruned;
}

/** The structural walk and a kind rule may both flag one field the same way (e.g. Required). */
function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const id = `${e.field}\u0000${e.type}\u0000${e.message}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
