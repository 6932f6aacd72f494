import { ApiError } from '../errors/api-error.js';

export type JsonObject = { [key: string]: unknown };

/**
 * Deeper than any real API object; bounds recursion so a hostile body is a 400,
 * not a stack overflow.
 */
export const MAX_PATCH_DEPTH = 256;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Deep copy of a JSON value. Drops `__proto__` keys, which JSON.parse turns into own
 * properties but a later assignment would turn into a prototype change.
 */
export function cloneJson<T>(value: T, depth = 0): T {
  if (depth > MAX_PATCH_DEPTH) throw tooDeep();
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) copy[i] = cloneJson(value[i], depth + 1);
    return copy as T;
  }
  if (isJsonObject(value)) {
    const copy: JsonObject = {};
    for (const key of Object.keys(value)) {
      if (key !== '__proto__') copy[key] = cloneJson(value[key], depth + 1);
    }
    return copy as T;
  }
  return value;
}

/**
 * Rejects what no JSON API object contains and what would be unsafe to walk: values that
 * are not JSON (functions, undefined inside arrays...), `__proto__` keys, excessive depth.
 * Iterative, so the check itself cannot overflow the stack.
 */
export function assertPlainJson(value: unknown, what: string): void {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (depth > MAX_PATCH_DEPTH) throw tooDeep();
    if (current === null || typeof current === 'string' || typeof current === 'boolean') continue;
    if (typeof current === 'number') {
      if (!Number.isFinite(current)) throw ApiError.badRequest(`${what} contains a number JSON cannot represent`);
      continue;
    }
    if (Array.isArray(current)) {
      for (const item of current) stack.push([item, depth + 1]);
      continue;
    }
    if (isJsonObject(current) && isPlainPrototype(current)) {
      for (const key of Object.keys(current)) {
        if (key === '__proto__') throw ApiError.badRequest(`${what} contains the forbidden key "__proto__"`);
        stack.push([current[key], depth + 1]);
      }
      continue;
    }
    throw ApiError.badRequest(`${what} is not valid JSON`);
  }
}

function isPlainPrototype(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function tooDeep(): ApiError {
  return ApiError.badRequest(`patch nesting exceeds ${MAX_PATCH_DEPTH} levels`);
}
