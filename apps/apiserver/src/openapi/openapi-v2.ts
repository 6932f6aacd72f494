import type { ResourceCatalog } from '#api';
import { KUBENEST_GIT_VERSION } from '../discovery/index.js';
import { DefinitionNames } from './definition-names.js';
import type { OperationSpec, ParameterSpec, PathSpec, ResponseSpec } from './operation-model.js';
import { resourcePaths } from './resource-paths.js';
import { collectRefs, definitionClosure, PLACEHOLDER_DEFINITION, v2Ref } from './schema-refs.js';

/** The document built for one OpenAPI version, plus definitions the schema source lacked. */
export interface BuiltOpenApi {
  document: Record<string, unknown>;
  missing: string[];
}

export const BEARER_TOKEN_DESCRIPTION = 'Bearer Token authentication';

/** Every path of every served resource, sorted like kube-apiserver's (Go map, sorted keys). */
export function allPaths(catalog: ResourceCatalog, names: DefinitionNames): PathSpec[] {
  return catalog.types
    .flatMap((type) => resourcePaths(type, names))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * /openapi/v2 as Swagger 2.0 JSON. `schemas` is the DTO layer's jsonSchemasForOpenApi():
 * definitions keyed by Kubernetes definition name, refs as "#/definitions/<name>".
 */
export function buildOpenApiV2(catalog: ResourceCatalog, schemas: Record<string, object>): BuiltOpenApi {
  const paths = allPaths(catalog, new DefinitionNames(schemas));
  const renderedPaths = Object.fromEntries(paths.map((p) => [p.path, renderPathV2(p)]));
  const referenced = collectRefs(renderedPaths);
  const { missing } = definitionClosure([...referenced, ...Object.keys(schemas)], schemas);
  const definitions: Record<string, unknown> = { ...schemas };
  for (const name of missing) definitions[name] = PLACEHOLDER_DEFINITION;
  return {
    document: {
      swagger: '2.0',
      info: { title: 'Kubernetes', version: KUBENEST_GIT_VERSION },
      paths: renderedPaths,
      definitions: sortKeys(definitions),
      securityDefinitions: {
        BearerToken: { description: BEARER_TOKEN_DESCRIPTION, type: 'apiKey', name: 'authorization', in: 'header' },
      },
      security: [{ BearerToken: [] }],
    },
    missing,
  };
}

function renderPathV2(path: PathSpec): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const op of path.operations) item[op.method] = renderOperationV2(op);
  item.parameters = path.parameters.map(renderParameterV2);
  return item;
}

function renderOperationV2(op: OperationSpec): Record<string, unknown> {
  const body = op.body ? [{ name: 'body', in: 'body', required: op.body.required, schema: v2Ref(op.body.schema) }] : [];
  return {
    description: op.description,
    consumes: op.consumes,
    produces: op.produces,
    schemes: ['https'],
    tags: [op.tag],
    operationId: op.operationId,
    parameters: [...body, ...op.parameters.map(renderParameterV2)],
    responses: {
      ...Object.fromEntries(Object.entries(op.responses).map(([code, r]) => [code, renderResponseV2(r)])),
      '401': { description: 'Unauthorized' },
    },
    'x-kubernetes-action': op.action,
    'x-kubernetes-group-version-kind': op.gvk,
  };
}

function renderParameterV2(p: ParameterSpec): Record<string, unknown> {
  return {
    uniqueItems: true,
    type: p.type,
    description: p.description,
    name: p.name,
    in: p.in,
    ...(p.required ? { required: true } : {}),
  };
}

function renderResponseV2(r: ResponseSpec): Record<string, unknown> {
  return { description: r.description, schema: r.schema === 'string' ? { type: 'string' } : v2Ref(r.schema) };
}

export function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
