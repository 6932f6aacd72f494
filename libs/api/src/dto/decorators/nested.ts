import 'reflect-metadata'; // class-transformer's @Type reads design-time types through it
import { Type } from 'class-transformer';
import { IsArray, ValidateNested } from 'class-validator';
import { recordFieldExtras, type ClassRef } from './dto-metadata.js';

/**
 * A nested DTO (or a list of them with `list: true`): class-validator's ValidateNested plus
 * class-transformer's Type, with the class also recorded for the schema compiler.
 */
export function Nested(type: ClassRef, options: { list?: boolean } = {}): PropertyDecorator {
  const validateNested = ValidateNested({ each: options.list ?? false });
  const transformType = Type(type as () => new () => unknown);
  const isArray = IsArray();
  return (target, property) => {
    validateNested(target, property);
    transformType(target, property);
    if (options.list) isArray(target, property);
    recordFieldExtras(target.constructor, String(property), { nested: type });
  };
}
