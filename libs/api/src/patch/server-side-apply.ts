import { ApiError } from '../errors/api-error.js';
import { assertPlainJson, isJsonObject, type JsonObject } from './json-value.js';
import type { PatchSchema } from './patch-schema.js';
import { applyStrategicMergePatch } from './strategic-merge-patch.js';

/**
 * Server-side apply (application/apply-patch+yaml), first version: the applied
 * configuration is merged into the live object field by field, with strategic-merge rules
 * for lists (associative lists by merge key, sets as sets, atomic lists replaced).
 *
 * Not yet implemented: managedFields. There is no ownership tracking, so no conflict
 * detection (`force` changes nothing) and a field dropped from a later apply is not removed.
 * Nulls in the applied configuration mean "not specified" and are ignored, and patch
 * directives are refused: an applied configuration is a plain object, not a patch.
 */
export function applyServerSideApply(target: JsonObject, applied: unknown, schema?: PatchSchema): JsonObject {
  if (!isJsonObject(applied)) throw ApiError.badRequest('apply patch must be a YAML or JSON object');
  assertPlainJson(applied, 'apply patch');
  return applyStrategicMergePatch(target, withoutNulls(applied), schema);
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (!isJsonObject(value)) return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value)) {
    if (isDirective(key))
      throw ApiError.badRequest(`apply patch must not contain the patch directive ${JSON.stringify(key)}`);
    if (value[key] !== null) out[key] = withoutNulls(value[key]);
  }
  return out;
}

function isDirective(key: string): boolean {
  return (
    key === '$patch' ||
    key === '$retainKeys' ||
    key.startsWith('$setElementOrder/') ||
    key.startsWith('$deleteFromPrimitiveList/')
  );
}
