import { KIND_DTOS } from '../dto/kind-dtos.js';
import { ListMetaDto } from '../dto/meta/object-meta.dto.js';
import { QUANTITY_REGEX_TEXT } from '../quantity/quantity.js';
import { modelOf, type ClassModel, type FieldModel } from './dto-model.js';

type JsonSchema = Record<string, unknown>;

const ref = (model: ClassModel): JsonSchema => ({ $ref: `#/definitions/${model.definition.name}` });

/**
 * OpenAPI definitions for every built-in kind, its list and everything they reference,
 * keyed by Kubernetes' definition names ("io.k8s.api.core.v1.Pod"). Uses the subset of
 * JSON Schema that Swagger 2.0 and OpenAPI 3 share; references point at #/definitions/.
 * Generated from the compiled DTO model rather than by class-validator-jsonschema: that
 * library cannot express Kubernetes' extensions (GVK, patch keys, int-or-string) without a
 * second annotation per field, and the model already carries them.
 */
export function jsonSchemasForOpenApi(): Record<string, object> {
  const definitions: Record<string, JsonSchema> = {};
  const visit = (model: ClassModel): void => {
    const name = model.definition.name;
    if (definitions[name]) return;
    const schema: JsonSchema = { type: 'object' };
    definitions[name] = schema; // placed before recursing so that cycles terminate
    if (model.definition.description) schema.description = model.definition.description;
    const properties: Record<string, JsonSchema> = {};
    const required: string[] = [];
    for (const [fieldName, field] of model.fields) {
      properties[fieldName] = fieldSchema(field, visit);
      if (field.required) required.push(fieldName);
    }
    schema.properties = properties;
    if (required.length) schema.required = required;
    if (model.definition.gvk) schema['x-kubernetes-group-version-kind'] = [model.definition.gvk];
  };
  visit(modelOf(ListMetaDto));
  for (const dto of KIND_DTOS.values()) {
    const model = modelOf(dto);
    visit(model);
    const gvk = model.definition.gvk!;
    definitions[`${model.definition.name}List`] = {
      description: `${gvk.kind}List is a list of ${gvk.kind} objects.`,
      type: 'object',
      required: ['items'],
      properties: {
        apiVersion: { type: 'string', description: 'Versioned schema of this representation of an object.' },
        kind: { type: 'string', description: 'REST resource this object represents.' },
        metadata: { ...ref(modelOf(ListMetaDto)), description: 'Standard list metadata.' },
        items: { type: 'array', items: ref(model), description: `List of ${gvk.kind} objects.` },
      },
      'x-kubernetes-group-version-kind': [{ ...gvk, kind: `${gvk.kind}List` }],
    };
  }
  return definitions;
}

function fieldSchema(field: FieldModel, visit: (m: ClassModel) => void): JsonSchema {
  const schema = typeSchema(field, visit);
  if (field.description) schema.description = field.description;
  if (field.patchStrategy) schema['x-kubernetes-patch-strategy'] = field.patchStrategy;
  if (field.patchMergeKey) schema['x-kubernetes-patch-merge-key'] = field.patchMergeKey;
  return schema;
}

function typeSchema(field: FieldModel, visit: (m: ClassModel) => void): JsonSchema {
  switch (field.kind) {
    case 'string':
      return field.enum ? { type: 'string', enum: [...field.enum] } : { type: 'string' };
    case 'integer':
      return field.format ? { type: 'integer', format: field.format } : { type: 'integer' };
    case 'number':
      return { type: 'number', format: 'double' };
    case 'boolean':
      return { type: 'boolean' };
    case 'time':
      return { type: 'string', format: 'date-time' };
    case 'intOrString':
      return { type: 'string', format: 'int-or-string', 'x-kubernetes-int-or-string': true };
    case 'quantity':
      return { type: 'string', pattern: QUANTITY_REGEX_TEXT, 'x-kubernetes-int-or-string': true };
    case 'freeForm':
      return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    case 'object': {
      const model = field.model!();
      visit(model);
      return ref(model);
    }
    case 'array':
      return { type: 'array', items: typeSchema(field.items!, visit) };
    case 'map':
      return { type: 'object', additionalProperties: typeSchema(field.items!, visit) };
  }
}
