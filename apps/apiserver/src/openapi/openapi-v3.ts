import type { ResourceCatalog } from '#api';
import { KUBENEST_GIT_VERSION } from '../discovery/index.js';
import { DefinitionNames } from './definition-names.js';
import type { OperationSpec, ParameterSpec, PathSpec, ResponseSpec } from './operation-model.js';
import { allPaths, BEARER_TOKEN_DESCRIPTION, sortKeys, type BuiltOpenApi } from './openapi-v2.js';
import { definitionClosure, PLACEHOLDER_DEFINITION, toV3Schema, v3Ref } from './schema-refs.js';

/** The key of a group version in the /openapi/v3 root: "api/v1", "apis/apps/v1". */
export function v3PathKey(group: string, version: string): string {
  return group ? `apis/${group}/${version}` : `api/${version}`;
}

/**
 * /openapi/v3/{api/v1 | apis/<group>/<version>} as OpenAPI 3.0 JSON: that group version's
 * paths and every definition they reach. kubectl reads it for explain, for strategic merge
 * patch metadata (kubectl apply), and for server-side field validation support (the
 * fieldValidation query parameter on PATCH operations).
 */
export function buildOpenApiV3(
  catalog: ResourceCatalog,
  schemas: Record<string, object>,
  group: string,
  version: string,
): BuiltOpenApi {
  const names = new DefinitionNames(schemas);
  const prefix = `/${v3PathKey(group, version)}/`;
  const paths = allPaths(catalog, names).filter((p) => p.path.startsWith(prefix));
  const roots = new Set<string>();
  for (const p of paths) {
    for (const op of p.operations) {
      if (op.body) roots.add(op.body.schema);
      for (const r of Object.values(op.responses)) if (r.schema !== 'string') roots.add(r.schema);
    }
  }
  const { names: reachable, missing } = definitionClosure(roots, schemas);
  const components = Object.fromEntries(
    reachable.map((name) => [name, toV3Schema(schemas[name] ?? PLACEHOLDER_DEFINITION)]),
  );
  return {
    document: {
      openapi: '3.0.0',
      info: { title: 'Kubernetes', version: KUBENEST_GIT_VERSION },
      paths: Object.fromEntries(paths.map((p) => [p.path, renderPathV3(p)])),
      components: {
        schemas: sortKeys(components),
        securitySchemes: {
          BearerToken: { type: 'apiKey', description: BEARER_TOKEN_DESCRIPTION, name: 'authorization', in: 'header' },
        },
      },
    },
    missing,
  };
}

function renderPathV3(path: PathSpec): Record<string, unknown> {
  const item: Record<string, unknown> = {};
  for (const op of path.operations) item[op.method] = renderOperationV3(op);
  item.parameters = path.parameters.map(renderParameterV3);
  return item;
}

function renderOperationV3(op: OperationSpec): Record<string, unknown> {
  return {
    tags: [op.tag],
    description: op.description,
    operationId: op.operationId,
    parameters: op.parameters.map(renderParameterV3),
    ...(op.body
      ? {
          requestBody: {
            content: Object.fromEntries(
              op.consumes.map((type) => [type, { schema: v3Ref((op.body as { schema: string }).schema) }]),
            ),
            required: op.body.required,
          },
        }
      : {}),
    responses: {
      ...Object.fromEntries(Object.entries(op.responses).map(([code, r]) => [code, renderResponseV3(r, op.produces)])),
      '401': { description: 'Unauthorized' },
    },
    'x-kubernetes-action': op.action,
    'x-kubernetes-group-version-kind': op.gvk,
  };
}

function renderParameterV3(p: ParameterSpec): Record<string, unknown> {
  return {
    name: p.name,
    in: p.in,
    description: p.description,
    ...(p.required ? { required: true } : {}),
    schema: { type: p.type, uniqueItems: true },
  };
}

function renderResponseV3(r: ResponseSpec, produces: string[]): Record<string, unknown> {
  const schema = r.schema === 'string' ? { type: 'string' } : v3Ref(r.schema);
  return { description: r.description, content: Object.fromEntries(produces.map((type) => [type, { schema }])) };
}
