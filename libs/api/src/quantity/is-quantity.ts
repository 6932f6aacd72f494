import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isQuantity, QUANTITY_FORMAT_MESSAGE } from './quantity.js';

export const IS_QUANTITY = 'isQuantity';
export const IS_QUANTITY_MAP = 'isQuantityMap';

/** A single resource.Quantity field (string or number in JSON). */
export function IsQuantity(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_QUANTITY,
      validator: { validate: (v: unknown) => isQuantity(v), defaultMessage: () => QUANTITY_FORMAT_MESSAGE },
    },
    options,
  );
}

/** A ResourceList: resource name to quantity, as in requests, limits and node capacity. */
export function IsQuantityMap(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: IS_QUANTITY_MAP,
      validator: {
        validate: (v: unknown) =>
          typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(isQuantity),
        defaultMessage: () => QUANTITY_FORMAT_MESSAGE,
      },
    },
    options,
  );
}
