import { ApiError } from '../errors/api-error.js';
import { decodePatchBody } from './decode-patch-body.js';
import { applyJsonMergePatch } from './json-merge-patch.js';
import { applyJsonPatch } from './json-patch.js';
import { isJsonObject, type JsonObject } from './json-value.js';
import { mediaTypeOf, PatchContentType } from './patch-content-type.js';
import type { PatchSchema } from './patch-schema.js';
import { applyServerSideApply } from './server-side-apply.js';
import { applyStrategicMergePatch } from './strategic-merge-patch.js';

const ACCEPTED = [
  PatchContentType.json,
  PatchContentType.merge,
  PatchContentType.apply,
  PatchContentType.strategic,
].join(', ');

/**
 * Applies a PATCH request body to `target` by its Content-Type and returns the new object;
 * neither argument is changed. `patchBody` may be raw (string/bytes) or already parsed.
 * `schema` drives strategic merge and apply; without one, lists are replaced whole.
 * Throws ApiError: 415 for an unknown type, 400 for a malformed patch, 422 for a JSON
 * patch that does not apply, 413 for too many JSON patch operations.
 */
export function applyPatch(contentType: string, target: object, patchBody: unknown, schema?: PatchSchema): JsonObject {
  if (!isJsonObject(target)) throw ApiError.internal('patch target is not an object');
  switch (mediaTypeOf(contentType)) {
    case PatchContentType.json:
      return applyJsonPatch(target, decodePatchBody(patchBody, false));
    case PatchContentType.merge:
      return applyJsonMergePatch(target, decodePatchBody(patchBody, false));
    case PatchContentType.strategic:
      return applyStrategicMergePatch(target, decodePatchBody(patchBody, false), schema);
    case PatchContentType.apply:
      return applyServerSideApply(target, decodePatchBody(patchBody, true), schema);
    default:
      throw ApiError.unsupportedMediaType(
        `the body of the request was in an unknown format - accepted media types include: ${ACCEPTED}`,
      );
  }
}
