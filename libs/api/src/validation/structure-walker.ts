import type { FieldError } from '../errors/field-error.js';
import { QUANTITY_FORMAT_MESSAGE, isQuantity } from '../quantity/quantity.js';
import type { ClassModel, FieldModel } from '../schema/dto-model.js';
import { child, fieldErrors, index, key } from './field-errors.js';

/** Caps on what one validation reports, so a hostile body cannot produce a huge response. */
export const MAX_REPORTED_ERRORS = 1000;
export const MAX_REPORTED_UNKNOWN_FIELDS = 1000;

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export interface StructureResult {
  /** A copy holding only declared fields; nulls and wrongly typed values are left out. */
  pruned: Record<string, unknown>;
  /** Wrong JSON types: Kubernetes would fail to decode the body, so nothing else is checked. */
  typeErrors: FieldError[];
  /** Declared constraints that the DTOs carry: required fields, enums, quantity syntax. */
  errors: FieldError[];
  unknownFields: string[];
}

interface WalkState {
  typeErrors: FieldError[];
  errors: FieldError[];
  unknownFields: string[];
  collectUnknown: boolean;
}

/**
 * Walks a decoded JSON body along the DTO model. Recursion follows the model, never the
 * input, so its depth is bounded by the DTOs however deep the body is; free-form parts are
 * kept as they are without being walked.
 */
export function walkStructure(model: ClassModel, body: unknown, collectUnknown: boolean): StructureResult {
  const state: WalkState = { typeErrors: [], errors: [], unknownFields: [], collectUnknown };
  const pruned = isPlainObject(body) ? walkObject(model, body, '', state) : {};
  if (!isPlainObject(body)) state.typeErrors.push(fieldErrors.typeInvalid('', body, 'must be of type object'));
  return { pruned, ...state };
}

function walkObject(
  model: ClassModel,
  value: Record<string, unknown>,
  path: string,
  state: WalkState,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(value)) {
    const field = model.fields.get(name);
    if (!field) {
      if (state.collectUnknown && state.unknownFields.length < MAX_REPORTED_UNKNOWN_FIELDS) {
        state.unknownFields.push(child(path, name));
      }
      continue;
    }
    const v = value[name];
    // Go decodes null as the zero value and omits it on output.
    if (v === null || v === undefined) continue;
    const checked = walkValue(field, v, child(path, name), state);
    if (checked !== undefined) out[name] = checked;
  }
  for (const [name, field] of model.fields) {
    if (field.required && isMissing(field, value[name])) report(state.errors, fieldErrors.required(child(path, name)));
  }
  return out;
}

/** Returns the value to keep, or undefined when it has the wrong JSON type. */
function walkValue(field: FieldModel, value: unknown, path: string, state: WalkState): unknown {
  const wrongType = (expected: string) => {
    report(
      state.typeErrors,
      fieldErrors.typeInvalid(path, value, `${path} in body must be of type ${expected}: "${jsonTypeOf(value)}"`),
    );
    return undefined;
  };
  switch (field.kind) {
    case 'string':
      if (typeof value !== 'string') return wrongType('string');
      if (field.enum && !field.enum.includes(value))
        report(state.errors, fieldErrors.notSupported(path, value, field.enum));
      return value;
    case 'integer':
      if (!Number.isInteger(value)) return wrongType('integer');
      if (field.format === 'int32' && ((value as number) < INT32_MIN || (value as number) > INT32_MAX)) {
        report(state.errors, fieldErrors.invalid(path, value, 'must be a 32-bit integer'));
      }
      return value;
    case 'number':
      return typeof value === 'number' ? value : wrongType('number');
    case 'boolean':
      return typeof value === 'boolean' ? value : wrongType('boolean');
    case 'time':
      if (typeof value !== 'string') return wrongType('string');
      if (!TIME_RE.test(value)) report(state.errors, fieldErrors.invalid(path, value, 'must be an RFC 3339 date-time'));
      return value;
    case 'intOrString':
      return typeof value === 'string' || Number.isInteger(value) ? value : wrongType('integer or string');
    case 'quantity':
      if (typeof value !== 'string' && typeof value !== 'number') return wrongType('string');
      if (!isQuantity(value)) report(state.errors, fieldErrors.invalid(path, value, QUANTITY_FORMAT_MESSAGE));
      return value;
    case 'freeForm':
      return isPlainObject(value) ? value : wrongType('object');
    case 'object':
      return isPlainObject(value) ? walkObject(field.model!(), value, path, state) : wrongType('object');
    case 'array': {
      if (!Array.isArray(value)) return wrongType('array');
      const out: unknown[] = [];
      for (let i = 0; i < value.length; i++) {
        const element = value[i];
        const checked =
          element === null
            ? wrongElement(field.items!, path, i, state)
            : walkValue(field.items!, element, index(path, i), state);
        if (checked !== undefined) out.push(checked);
      }
      return out;
    }
    case 'map': {
      if (!isPlainObject(value)) return wrongType('object');
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(value)) {
        if (value[k] === null) continue; // as for fields: null is the zero value, omitted
        const checked = walkValue(field.items!, value[k], key(path, k), state);
        // defineProperty: a "__proto__" key must stay a plain key, never a prototype.
        if (checked !== undefined)
          Object.defineProperty(out, k, { value: checked, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
  }
}

function wrongElement(items: FieldModel, path: string, i: number, state: WalkState): undefined {
  report(
    state.typeErrors,
    fieldErrors.typeInvalid(
      index(path, i),
      null,
      `${index(path, i)} in body must be of type ${items.kind === 'object' ? 'object' : items.kind}: "null"`,
    ),
  );
  return undefined;
}

function isMissing(field: FieldModel, value: unknown): boolean {
  if (value === undefined || value === null) return true;
  // Go cannot tell an absent string or list from an empty one.
  if (field.kind === 'string' && value === '') return true;
  return field.kind === 'array' && Array.isArray(value) && value.length === 0;
}

function report(list: FieldError[], error: FieldError): void {
  if (list.length < MAX_REPORTED_ERRORS) list.push(error);
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function jsonTypeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}
