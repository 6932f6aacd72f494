import jsonPatch from 'fast-json-patch';
import type { Operation } from 'fast-json-patch';
import { ApiError } from '../errors/api-error.js';
import { assertPlainJson, cloneJson, isJsonObject, type JsonObject } from './json-value.js';

/** kube-apiserver's cap on operations in one JSON patch (413 beyond it). */
export const MAX_JSON_PATCH_OPERATIONS = 10000;

/**
 * kube-apiserver's bound on what `copy` operations may add in total (3 x the 3 MiB body
 * limit): without it, thirty `copy /a -> /a/-` operations double an array past memory.
 */
export const MAX_JSON_PATCH_COPY_BYTES = 3 * 3 * 1024 * 1024;

/** fast-json-patch errors that mean the patch itself is malformed, rather than not applying. */
const MALFORMED = new Set([
  'SEQUENCE_NOT_AN_ARRAY',
  'OPERATION_NOT_AN_OBJECT',
  'OPERATION_OP_INVALID',
  'OPERATION_PATH_INVALID',
  'OPERATION_FROM_REQUIRED',
  'OPERATION_VALUE_REQUIRED',
  'OPERATION_VALUE_CANNOT_CONTAIN_UNDEFINED',
]);

/**
 * RFC 6902 (application/json-patch+json). The whole patch applies or nothing does; the
 * target is never mutated. A malformed patch is a 400; a well-formed one that does not
 * apply (failed `test`, missing path) is a 422, as kube-apiserver answers.
 */
export function applyJsonPatch(target: JsonObject, patch: unknown): JsonObject {
  if (!Array.isArray(patch)) throw ApiError.badRequest('json patch must be a JSON array of operations');
  if (patch.length > MAX_JSON_PATCH_OPERATIONS) {
    throw ApiError.tooLarge(
      `The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${patch.length}`,
    );
  }
  assertPlainJson(patch, 'json patch');
  // Operations are copied so that values they add never alias the caller's patch body.
  const operations = cloneJson(patch) as Operation[];
  let document: unknown = cloneJson(target);
  let copiedBytes = 0;
  operations.forEach((operation, index) => {
    if (isJsonObject(operation) && operation.op === 'copy' && typeof operation.from === 'string') {
      copiedBytes += sizeAt(document, operation.from);
      if (copiedBytes > MAX_JSON_PATCH_COPY_BYTES) {
        throw unprocessable(
          `Unable to complete the copy, the accumulated size increase of copy is ${copiedBytes}, exceeding the limit ${MAX_JSON_PATCH_COPY_BYTES}`,
        );
      }
    }
    try {
      // validate = true checks the operation against the document; banPrototypeModifications = true.
      document = jsonPatch.applyOperation(document, operation, true, true, true, index).newDocument;
    } catch (e) {
      throw translate(e, operation, index);
    }
  });
  if (!isJsonObject(document))
    throw unprocessable('json patch must leave a JSON object, not replace it with another type');
  return document;
}

function sizeAt(document: unknown, pointer: string): number {
  try {
    const value: unknown = jsonPatch.getValueByPointer(document, pointer);
    return value === undefined ? 0 : JSON.stringify(value).length;
  } catch {
    return 0; // the operation itself will report the bad pointer
  }
}

function translate(error: unknown, operation: unknown, index: number): ApiError {
  if (error instanceof jsonPatch.JsonPatchError) {
    const what = describe(operation, index);
    if (MALFORMED.has(error.name))
      return ApiError.badRequest(`invalid json patch ${what}: ${firstLine(error.message)}`);
    if (error.name === 'TEST_OPERATION_FAILED') return unprocessable(`json patch ${what} failed: the value differs`);
    return unprocessable(`json patch ${what} does not apply: ${firstLine(error.message)}`);
  }
  // fast-json-patch throws a TypeError for __proto__ paths (banPrototypeModifications).
  if (error instanceof TypeError)
    return ApiError.badRequest(`invalid json patch ${describe(operation, index)}: ${firstLine(error.message)}`);
  throw error;
}

function describe(operation: unknown, index: number): string {
  if (!isJsonObject(operation)) return `operation ${index}`;
  return `operation ${index} (${String(operation.op)} ${JSON.stringify(operation.path)})`;
}

/** fast-json-patch appends the operation and document to its messages; keep the sentence. */
function firstLine(message: string): string {
  return message.split('\n')[0];
}

function unprocessable(message: string): ApiError {
  return new ApiError(422, 'Invalid', message);
}
