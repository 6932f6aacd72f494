import { ApiError } from '../errors/api-error.js';
import { assertPlainJson, cloneJson, isJsonObject, type JsonObject } from './json-value.js';

/**
 * RFC 7386 (application/merge-patch+json): objects merge recursively, null deletes,
 * everything else (arrays included) replaces. The target is never mutated.
 */
export function applyJsonMergePatch(target: JsonObject, patch: unknown): JsonObject {
  if (!isJsonObject(patch)) throw ApiError.badRequest('merge patch must be a JSON object');
  assertPlainJson(patch, 'merge patch');
  return mergeInto(cloneJson(target), patch);
}

/** Merges `patch` into `result`, which is a private copy and may be changed. */
function mergeInto(result: JsonObject, patch: JsonObject): JsonObject {
  for (const key of Object.keys(patch)) {
    const value = patch[key];
    if (value === null) delete result[key];
    else if (isJsonObject(value))
      result[key] = mergeInto(isJsonObject(result[key]) ? (result[key] as JsonObject) : {}, value);
    else result[key] = cloneJson(value);
  }
  return result;
}
