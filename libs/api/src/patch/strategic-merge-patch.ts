import { ApiError } from '../errors/api-error.js';
import { assertPlainJson, cloneJson, isJsonObject, type JsonObject } from './json-value.js';
import { orderMergedList } from './list-order.js';
import type { PatchField, PatchSchema } from './patch-schema.js';

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const SET_ELEMENT_ORDER = '$setElementOrder';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';

/**
 * Strategic merge patch (application/strategic-merge-patch+json) with the semantics of
 * Kubernetes' strategicpatch.StrategicMergeMapPatch, walking `schema` where Go walks struct
 * tags. Fields the schema does not describe get the defaults: objects merge, lists are
 * replaced. Never mutates `target` or `patch`.
 *
 * Where Kubernetes relies on decoding into typed structs afterwards to drop leftovers,
 * this returns clean JSON instead: no directive keys and no nulls in newly added content.
 * Deliberate differences, for inputs kubectl never sends:
 * - `$patch: replace` on an object absent from the target yields the patch's content
 *   (Kubernetes drops the field);
 * - `$patch: merge` on an object is accepted as the default it names (Kubernetes rejects
 *   it as an unknown patch type); inside a list it is rejected, as in Kubernetes;
 * - format errors are 400s (Kubernetes answers some with a 500).
 */
export function applyStrategicMergePatch(target: JsonObject, patch: unknown, schema?: PatchSchema): JsonObject {
  if (!isJsonObject(patch)) throw ApiError.badRequest('strategic merge patch must be a JSON object');
  assertPlainJson(patch, 'strategic merge patch');
  return mergeObject(cloneJson(target), patch, { fields: schema?.fields }, '');
}

/** What the schema says about the members of one JSON object. */
interface Shape {
  /** A struct's fields by JSON name. */
  fields?: Readonly<Record<string, PatchField>>;
  /** A map's values (labels, or a map of objects): one description for every key. */
  values?: PatchField;
}

function shapeOf(field: PatchField | undefined): Shape {
  if (field?.map) return { values: { schema: field.schema } };
  return { fields: field?.schema?.fields };
}

function fieldIn(shape: Shape, key: string): PatchField | undefined {
  if (shape.values) return shape.values;
  return shape.fields && Object.hasOwn(shape.fields, key) ? shape.fields[key] : undefined;
}

function mergesLists(field: PatchField | undefined): boolean {
  return field?.strategy === 'merge' || field?.strategy === 'merge,retainKeys';
}

function child(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** Merges `patch` into `original`, a private copy that is changed in place and returned. */
function mergeObject(original: JsonObject, patch: JsonObject, shape: Shape, path: string): JsonObject {
  if (Object.hasOwn(patch, DIRECTIVE)) {
    const directive = patch[DIRECTIVE];
    if (directive === 'delete') return {};
    if (directive === 'replace') return mergeObject({}, withoutKey(patch, DIRECTIVE), shape, path);
    if (directive !== 'merge') throw unknownDirective(directive, patch);
  }
  applyRetainKeys(original, patch);
  // Lists named by $setElementOrder are merged and ordered first, then skipped below.
  const ordered = applySetElementOrders(original, patch, shape, path);
  for (const key of Object.keys(patch)) {
    if (key === DIRECTIVE || key === RETAIN_KEYS || key.startsWith(SET_ELEMENT_ORDER) || ordered.has(key)) continue;
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      deleteFromPrimitiveList(original, key, patch[key], path);
      continue;
    }
    const value = patch[key];
    if (value === null) {
      delete original[key];
      continue;
    }
    const current = Object.hasOwn(original, key) ? original[key] : undefined;
    const merged = mergeValue(current, value, fieldIn(shape, key), child(path, key));
    if (merged === undefined) delete original[key];
    else original[key] = merged;
  }
  return original;
}

/** The new value of a field; undefined removes it. `value` is not null. */
function mergeValue(current: unknown, value: unknown, field: PatchField | undefined, path: string): unknown {
  if (isJsonObject(value)) {
    if (!isJsonObject(current)) return newObject(value, field, path);
    if (field?.strategy === 'replace') return cloneJson(value);
    return mergeObject(current, value, shapeOf(field), path);
  }
  if (Array.isArray(value)) {
    if (!Array.isArray(current)) return newList(value, field, path);
    return mergesLists(field) ? mergeList(current, value, field as PatchField, path) : newList(value, field, path);
  }
  return value;
}

/**
 * Content with nothing to merge into (absent, or of another type): directives are
 * resolved and nulls dropped, as Kubernetes' removeDirectives/discardNullValuesFromPatch.
 */
function newObject(value: JsonObject, field: PatchField | undefined, path: string): JsonObject | undefined {
  if (value[DIRECTIVE] === 'delete') return undefined;
  if (field?.strategy === 'replace') return cloneJson(value);
  return mergeObject({}, value, shapeOf(field), path);
}

function newList(value: readonly unknown[], field: PatchField | undefined, path: string): unknown[] {
  const out: unknown[] = [];
  value.forEach((item, i) => {
    if (isJsonObject(item)) {
      // Any element carrying $patch is an instruction, not content.
      if (!Object.hasOwn(item, DIRECTIVE))
        out.push(mergeObject({}, item, shapeOf({ schema: field?.schema }), `${path}[${i}]`));
    } else {
      out.push(cloneJson(item));
    }
  });
  return out;
}

type MergeKeyValue = string | number | boolean | null;

/** A list with patch strategy "merge": by merge key for objects, as a set for scalars. */
function mergeList(original: unknown[], patch: readonly unknown[], field: PatchField, path: string): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  if (elementKind(original, patch, path) === 'scalar') {
    const merged = [...new Set([...original, ...patch])];
    return orderMergedList(merged, patch, original, (v) => v);
  }
  const mergeKey = field.mergeKey;
  if (!mergeKey) throw ApiError.badRequest(`cannot merge lists without merge key for ${path}`);
  const elementShape = shapeOf({ schema: field.schema });
  const keyOf = (item: unknown): MergeKeyValue | undefined => mergeKeyValue(item as JsonObject, mergeKey, path);

  const toDelete = new Set<MergeKeyValue | undefined>();
  const items: JsonObject[] = [];
  let replace = false;
  for (const element of patch as JsonObject[]) {
    if (!Object.hasOwn(element, DIRECTIVE)) {
      items.push(requireMergeKey(element, mergeKey));
      continue;
    }
    switch (element[DIRECTIVE]) {
      case 'delete':
        toDelete.add(keyOf(requireMergeKey(element, mergeKey)));
        break;
      case 'replace':
        replace = true; // the other elements become the whole list
        break;
      case 'merge':
        throw ApiError.badRequest('merging lists cannot yet be specified in the patch');
      default:
        throw unknownDirective(element[DIRECTIVE], element);
    }
  }
  if (replace) return items.map((item, i) => mergeObject({}, item, elementShape, `${path}[${i}]`));

  const server = toDelete.size ? original.filter((item) => !toDelete.has(keyOf(item))) : original;
  const merged = [...server];
  const positions = new Map<MergeKeyValue | undefined, number>();
  merged.forEach((item, i) => {
    if (!positions.has(keyOf(item))) positions.set(keyOf(item), i);
  });
  for (const item of items) {
    const key = keyOf(item);
    const at = positions.get(key);
    const itemPath = `${path}[${mergeKey}=${String(key)}]`;
    if (at !== undefined) {
      merged[at] = mergeObject(merged[at] as JsonObject, item, elementShape, itemPath);
    } else {
      // Later items with the same key merge into this one, as in Kubernetes.
      positions.set(key, merged.length);
      merged.push(mergeObject({}, item, elementShape, itemPath));
    }
  }
  return orderMergedList(merged, items.map(keyOf), server.map(keyOf), keyOf);
}

/** Kubernetes requires one element type per list (sliceElementType) and no nested lists. */
function elementKind(original: readonly unknown[], patch: readonly unknown[], path: string): 'object' | 'scalar' {
  let first: string | undefined;
  for (const list of [original, patch]) {
    for (const item of list) {
      const type = item === null ? 'null' : Array.isArray(item) ? 'array' : typeof item;
      if (first === undefined) {
        if (type === 'array') throw new ApiError(422, 'Invalid', `lists of lists are not supported (${path})`);
        first = type;
      } else if (type !== first) {
        throw ApiError.badRequest(`list element types are not identical in ${path}`);
      }
    }
  }
  return first === 'object' ? 'object' : 'scalar';
}

function requireMergeKey(element: JsonObject, mergeKey: string): JsonObject {
  if (!Object.hasOwn(element, mergeKey)) {
    throw ApiError.badRequest(`map: ${JSON.stringify(element)} does not contain declared merge key: ${mergeKey}`);
  }
  return element;
}

/** Merge keys are compared like Go compares JSON scalars; an object as key is refused. */
function mergeKeyValue(item: JsonObject, mergeKey: string, path: string): MergeKeyValue | undefined {
  if (!isJsonObject(item) || !Object.hasOwn(item, mergeKey)) return undefined;
  const value = item[mergeKey];
  if (value !== null && typeof value === 'object') {
    throw ApiError.badRequest(`merge key ${mergeKey} must have a scalar value in ${path}`);
  }
  return value as MergeKeyValue;
}

/**
 * `$retainKeys: [a, b]` (sent for fields with strategy retainKeys, e.g. a Deployment's
 * strategy or a volume): keys of the live object not listed are cleared, and the patch may
 * only set listed keys.
 */
function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!Object.hasOwn(patch, RETAIN_KEYS)) return;
  const listed = patch[RETAIN_KEYS];
  if (!Array.isArray(listed)) throw ApiError.badRequest('invalid patch format of retainKeys');
  const retained = new Set<unknown>(listed);
  for (const key of Object.keys(patch)) {
    if (key === RETAIN_KEYS || key === DIRECTIVE || patch[key] === null) continue;
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST) || key.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!retained.has(key)) throw ApiError.badRequest('invalid patch format of retainKeys');
  }
  for (const key of Object.keys(original)) {
    if (!retained.has(key)) delete original[key];
  }
}

/**
 * `$setElementOrder/<list>: [...]` (kubectl apply): merges <list> and puts its elements in
 * the given order; elements only the server knows are interleaved by their live position.
 * Returns the list fields it handled.
 */
function applySetElementOrders(original: JsonObject, patch: JsonObject, shape: Shape, path: string): Set<string> {
  const handled = new Set<string>();
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const name = directiveTarget(key, SET_ELEMENT_ORDER, 'invalid patch format of setElementOrder list');
    const order = patch[key];
    const live = Object.hasOwn(original, name) ? original[name] : undefined;
    const patched = Object.hasOwn(patch, name) ? patch[name] : undefined;
    if (
      !Array.isArray(order) ||
      (live !== undefined && !Array.isArray(live)) ||
      (patched !== undefined && !Array.isArray(patched))
    ) {
      throw ApiError.badRequest('invalid patch format of setElementOrder list');
    }
    const field = fieldIn(shape, name);
    const mergeKey = field?.mergeKey;
    const listPath = child(path, name);
    if (patched) checkOrderCoversPatch(patched, order, mergeKey);

    let merged: unknown[];
    if (live && patched)
      merged = mergesLists(field)
        ? mergeList(live, patched, field as PatchField, listPath)
        : newList(patched, field, listPath);
    else if (patched) merged = newList(patched, field, listPath);
    else if (live) merged = live;
    else continue;
    handled.add(name);
    original[name] = merged.length ? orderBySetElementOrder(merged, order, live ?? [], mergeKey, listPath) : merged;
  }
  return handled;
}

function orderBySetElementOrder(
  merged: unknown[],
  order: unknown[],
  live: unknown[],
  mergeKey: string | undefined,
  path: string,
): unknown[] {
  if (!mergeKey) {
    if (merged.some(isJsonObject)) throw ApiError.badRequest('invalid patch format of setElementOrder list');
    return orderMergedList(merged, order, live, (v) => v);
  }
  const keyOf = (item: unknown) => mergeKeyValue(requireMergeKey(asObject(item), mergeKey), mergeKey, path);
  return orderMergedList(merged, order.map(keyOf), live.map(keyOf), keyOf);
}

/**
 * validatePatchWithSetOrderList: the patch list's elements (deletions aside) must appear in
 * the order list, in the same relative order.
 */
function checkOrderCoversPatch(patched: unknown[], order: unknown[], mergeKey: string | undefined): void {
  if (patched.length === 0 || order.length === 0) return;
  const same = (a: unknown, b: unknown) =>
    mergeKey
      ? requireMergeKey(asObject(a), mergeKey)[mergeKey] === requireMergeKey(asObject(b), mergeKey)[mergeKey]
      : a === b;
  const items = mergeKey ? patched.filter((item) => asObject(item)[DIRECTIVE] !== 'delete') : patched;
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    if (isJsonObject(items[p]) && Object.hasOwn(items[p] as JsonObject, DIRECTIVE)) {
      p++;
      continue;
    }
    if (same(items[p], order[o])) p++;
    o++;
  }
  if (p < items.length) {
    throw ApiError.badRequest(
      `The order in patch list:\n${JSON.stringify(patched)}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${JSON.stringify(order)}`,
    );
  }
}

/** `$deleteFromPrimitiveList/<list>: [v...]` removes every occurrence of each value. */
function deleteFromPrimitiveList(original: JsonObject, key: string, values: unknown, path: string): void {
  const name = directiveTarget(key, DELETE_FROM_PRIMITIVE_LIST, 'invalid patch format of primitive list');
  // Kubernetes treats a null here like a null for the list itself.
  if (values === null) {
    delete original[name];
    return;
  }
  const live = Object.hasOwn(original, name) ? original[name] : undefined;
  if (!Array.isArray(live) || !Array.isArray(values)) return;
  if (live.length === 0 && values.length === 0) return;
  if (elementKind(live, values, child(path, name)) === 'object')
    throw ApiError.badRequest('invalid patch format of primitive list');
  const remove = new Set(values);
  original[name] = live.filter((v) => !remove.has(v));
}

/** "$setElementOrder/containers" -> "containers". */
function directiveTarget(key: string, prefix: string, message: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) throw ApiError.badRequest(message);
  return key.slice(slash + 1);
}

function asObject(value: unknown): JsonObject {
  if (!isJsonObject(value)) throw ApiError.badRequest(`expected a map, but received ${JSON.stringify(value)}`);
  return value;
}

function withoutKey(object: JsonObject, key: string): JsonObject {
  const copy: JsonObject = { ...object };
  delete copy[key];
  return copy;
}

function unknownDirective(directive: unknown, where: JsonObject): ApiError {
  return ApiError.badRequest(`unknown patch type: ${String(directive)} in map: ${JSON.stringify(where)}`);
}
