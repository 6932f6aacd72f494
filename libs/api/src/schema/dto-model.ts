import { getMetadataStorage, ValidationTypes } from 'class-validator';

type ValidationMetadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];
import {
  definitionOf,
  fieldExtrasOf,
  IS_FREE_FORM,
  IS_INT32,
  IS_INT64,
  IS_INT_OR_STRING,
  IS_STRING_MAP,
  IS_TIME,
  type DefinitionInfo,
  type DtoClass,
} from '../dto/decorators/index.js';
import { IS_QUANTITY, IS_QUANTITY_MAP } from '../quantity/is-quantity.js';

/**
 * The DTO classes compiled once into a plain model that validation, pruning, OpenAPI and
 * patch schemas all walk. Everything here is read from the class-validator metadata of the
 * DTOs (plus the extras our decorators record), so the DTOs stay the one schema source.
 */
export type FieldKind =
  | 'string'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'time'
  | 'intOrString'
  | 'quantity'
  | 'freeForm'
  | 'object'
  | 'array'
  | 'map';

export interface FieldModel {
  kind: FieldKind;
  format?: 'int32' | 'int64';
  enum?: readonly string[];
  required: boolean;
  description?: string;
  /** Element of an array, value of a map. */
  items?: FieldModel;
  /** The class of an object, or of each element of an array of objects (also set on `items`). */
  model?: () => ClassModel;
  patchStrategy?: string;
  patchMergeKey?: string;
}

export interface ClassModel {
  cls: DtoClass;
  definition: DefinitionInfo;
  fields: ReadonlyMap<string, FieldModel>;
}

const LEAF_BY_VALIDATOR: Record<string, Pick<FieldModel, 'kind' | 'format'>> = {
  isString: { kind: 'string' },
  isIn: { kind: 'string' },
  isBoolean: { kind: 'boolean' },
  isNumber: { kind: 'number' },
  isInt: { kind: 'integer' },
  [IS_INT32]: { kind: 'integer', format: 'int32' },
  [IS_INT64]: { kind: 'integer', format: 'int64' },
  [IS_INT_OR_STRING]: { kind: 'intOrString' },
  [IS_TIME]: { kind: 'time' },
  [IS_QUANTITY]: { kind: 'quantity' },
  [IS_FREE_FORM]: { kind: 'freeForm' },
  isObject: { kind: 'freeForm' },
};
const MAP_VALUE_BY_VALIDATOR: Record<string, FieldKind> = { [IS_STRING_MAP]: 'string', [IS_QUANTITY_MAP]: 'quantity' };

const cache = new Map<DtoClass, ClassModel>();

/** The compiled model of a DTO class (memoized; recursive references resolve lazily). */
export function modelOf(cls: DtoClass): ClassModel {
  const cached = cache.get(cls);
  if (cached) return cached;
  const fields = new Map<string, FieldModel>();
  const model: ClassModel = { cls, definition: definitionOf(cls) ?? { name: cls.name }, fields };
  cache.set(cls, model);
  const extras = fieldExtrasOf(cls);
  for (const [property, metas] of metadataByProperty(cls)) {
    const extra = extras.get(property) ?? {};
    const field = fieldFrom(cls, property, metas, extra.nested);
    field.description = extra.description;
    field.patchStrategy = extra.patchStrategy;
    field.patchMergeKey = extra.patchMergeKey;
    fields.set(property, field);
  }
  return model;
}

/** Validation metadata grouped by property, base-class properties first, in declaration order. */
function metadataByProperty(cls: DtoClass): Map<string, ValidationMetadata[]> {
  const all = getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false);
  const chain: DtoClass[] = [];
  for (
    let c: DtoClass | null = cls;
    c && (c as unknown) !== Function.prototype;
    c = Object.getPrototypeOf(c) as DtoClass | null
  )
    chain.unshift(c);
  const grouped = new Map<string, ValidationMetadata[]>();
  for (const c of chain) {
    for (const m of all) {
      if (m.target !== c) continue;
      let list = grouped.get(m.propertyName);
      if (!list) grouped.set(m.propertyName, (list = []));
      list.push(m);
    }
  }
  return grouped;
}

function fieldFrom(cls: DtoClass, property: string, metas: ValidationMetadata[], nested?: () => DtoClass): FieldModel {
  const required = metas.some((m) => m.type === ValidationTypes.IS_DEFINED);
  const isList = metas.some((m) => m.name === 'isArray');
  let element: FieldModel | undefined;
  if (nested) {
    element = { kind: 'object', required: false, model: () => modelOf(nested()) };
  } else {
    for (const m of metas) {
      if (m.type !== ValidationTypes.CUSTOM_VALIDATION || !m.name) continue;
      const leaf = LEAF_BY_VALIDATOR[m.name];
      const mapValue = MAP_VALUE_BY_VALIDATOR[m.name];
      if (leaf) {
        element = { ...leaf, required: false };
        if (m.name === 'isIn') element.enum = m.constraints[0] as readonly string[];
      } else if (mapValue) {
        element = { kind: 'map', required: false, items: { kind: mapValue, required: false } };
      }
      if (element) break;
    }
  }
  if (!element) throw new Error(`${cls.name}.${property}: no JSON type can be derived from its decorators`);
  if (!isList) return { ...element, required };
  return { kind: 'array', required, items: element, model: element.model };
}
