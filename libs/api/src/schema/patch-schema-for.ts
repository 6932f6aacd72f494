import { dtoFor } from '../dto/kind-dtos.js';
import type { PatchField, PatchSchema, PatchStrategy } from '../patch/patch-schema.js';
import type { ResourceType } from '../resources/resource-type.js';
import type { DtoClass } from '../dto/decorators/dto-metadata.js';
import { modelOf, type ClassModel, type FieldModel } from './dto-model.js';

const cache = new Map<DtoClass, PatchSchema>();

/** What strategic merge patch needs to know about a kind, from the @PatchTag decorators of its DTOs. */
export function patchSchemaFor(type: Pick<ResourceType, 'group' | 'version' | 'kind'>): PatchSchema {
  return schemaOf(modelOf(dtoFor(type)));
}

function schemaOf(model: ClassModel): PatchSchema {
  const cached = cache.get(model.cls);
  if (cached) return cached;
  const schema: PatchSchema = { fields: {} };
  cache.set(model.cls, schema); // before recursing: shared and recursive classes reuse one schema
  for (const [name, field] of model.fields) schema.fields[name] = patchFieldOf(field);
  return schema;
}

function patchFieldOf(field: FieldModel): PatchField {
  const out: PatchField = {};
  if (field.kind === 'array') out.list = true;
  if (field.kind === 'map') out.map = true;
  const model = field.model ?? field.items?.model;
  if (model) out.schema = schemaOf(model());
  if (field.patchStrategy) out.strategy = field.patchStrategy as PatchStrategy;
  if (field.patchMergeKey) out.mergeKey = field.patchMergeKey;
  return out;
}
