import { ValidateBy, type ValidationOptions } from 'class-validator';

/** Names of the type validators below, which the schema compiler maps to JSON types. */
export const IS_INT32 = 'isInt32';
export const IS_INT64 = 'isInt64';
export const IS_INT_OR_STRING = 'isIntOrString';
export const IS_STRING_MAP = 'isStringMap';
export const IS_FREE_FORM = 'isFreeForm';
export const IS_TIME = 'isTime';

const INT32_MAX = 2 ** 31 - 1;

function typeValidator(name: string, validate: (v: unknown) => boolean, message: string) {
  return (options?: ValidationOptions): PropertyDecorator =>
    ValidateBy({ name, validator: { validate, defaultMessage: () => message } }, options);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** int32 in Go: an integer within ±2^31. */
export const IsInt32 = typeValidator(
  IS_INT32,
  (v) => Number.isInteger(v) && Math.abs(v as number) <= INT32_MAX + 1,
  'must be a 32-bit integer',
);
/** int64 in Go; JavaScript numbers are exact to 2^53, which covers every real value. */
export const IsInt64 = typeValidator(IS_INT64, (v) => Number.isSafeInteger(v), 'must be a 64-bit integer');
/** intstr.IntOrString: ports by number or name, percentages. */
export const IsIntOrString = typeValidator(
  IS_INT_OR_STRING,
  (v) => typeof v === 'string' || Number.isInteger(v),
  'must be an integer or a string',
);
/** map[string]string: labels, annotations, selectors, ConfigMap data. */
export const IsStringMap = typeValidator(
  IS_STRING_MAP,
  (v) => isPlainObject(v) && Object.values(v).every((x) => typeof x === 'string'),
  'must be a map of string to string',
);
/** An object kubenest keeps as given without checking its fields (loosely typed parts of the API). */
export const IsFreeForm = typeValidator(IS_FREE_FORM, isPlainObject, 'must be an object');
/** metav1.Time / MicroTime: an RFC 3339 timestamp. */
export const IsTime = typeValidator(
  IS_TIME,
  (v) => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(v),
  'must be an RFC 3339 timestamp',
);
