import type { FieldError } from '../errors/field-error.js';

/**
 * Constructors for field errors worded as Kubernetes' apimachinery field.Error prints them
 * ("Required value", "Invalid value: \"Foo_\": ...", "Unsupported value: ...").
 */
const MAX_VALUE_CHARS = 256;

/** A value as Kubernetes shows it in an error: strings quoted, numbers bare, objects as JSON. */
export function describeValue(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'bigint' ? String(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}...(truncated)` : text;
}

export const fieldErrors = {
  required: (field: string, detail?: string): FieldError => ({
    field,
    type: 'FieldValueRequired',
    message: detail ? `Required value: ${detail}` : 'Required value',
  }),
  invalid: (field: string, value: unknown, detail: string): FieldError => ({
    field,
    type: 'FieldValueInvalid',
    message: `Invalid value: ${describeValue(value)}: ${detail}`,
  }),
  typeInvalid: (field: string, value: unknown, detail: string): FieldError => ({
    field,
    type: 'FieldValueTypeInvalid',
    message: `Invalid value: ${describeValue(value)}: ${detail}`,
  }),
  notSupported: (field: string, value: unknown, supported: readonly string[]): FieldError => ({
    field,
    type: 'FieldValueNotSupported',
    message: `Unsupported value: ${describeValue(value)}: supported values: ${[...supported]
      .sort()
      .map((v) => JSON.stringify(v))
      .join(', ')}`,
  }),
  duplicate: (field: string, value: unknown): FieldError => ({
    field,
    type: 'FieldValueDuplicate',
    message: `Duplicate value: ${describeValue(value)}`,
  }),
  notFound: (field: string, value: unknown): FieldError => ({
    field,
    type: 'FieldValueNotFound',
    message: `Not found: ${describeValue(value)}`,
  }),
  forbidden: (field: string, detail: string): FieldError => ({
    field,
    type: 'FieldValueForbidden',
    message: `Forbidden: ${detail}`,
  }),
  tooLong: (field: string, max: number): FieldError => ({
    field,
    type: 'FieldValueTooLong',
    message: `Too long: may not be more than ${max} bytes`,
  }),
  tooLongTotal: (field: string, max: number): FieldError => ({
    field,
    type: 'FieldValueTooLong',
    message: `Too long: must have at most ${max} bytes`,
  }),
};

/** Joins a path and a field name the way Kubernetes' field.Path prints. */
export function child(path: string, name: string): string {
  return path ? `${path}.${name}` : name;
}

export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}

export function key(path: string, k: string): string {
  return `${path}[${k}]`;
}

/** push(...source) without spreading: a list of many thousand errors must not overflow the call stack. */
export function appendAll<T>(target: T[], source: readonly T[]): void {
  for (const item of source) target.push(item);
}
