import type { ResourceType } from '#api';
import { subresourceInfo, type GroupVersionKind } from '../discovery/index.js';
import { META, type DefinitionNames } from './definition-names.js';
import type { KubernetesAction, OperationSpec, PathSpec, ResponseSpec } from './operation-model.js';
import {
  DELETE_COLLECTION_PARAMS,
  DELETE_PARAMS,
  EXEC_PARAMS,
  LIST_PARAMS,
  LOG_PARAMS,
  PARAM,
  PATCH_PARAMS,
  pathParam,
  PORTFORWARD_PARAMS,
  WRITE_PARAMS,
} from './query-parameters.js';

/** Patch bodies kube-apiserver accepts; kubectl apply looks for strategic-merge-patch here. */
export const PATCH_CONTENT_TYPES = [
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
];
const OBJECT_TYPES = ['application/json', 'application/yaml'];
const WATCH_TYPES = [...OBJECT_TYPES, 'application/json;stream=watch'];

/** "CoreV1", "AppsV1", "CoordinationV1": the group/version part of Kubernetes' operation ids. */
export function operationGroupVersion(group: string, version: string): string {
  const name = group === '' ? 'core' : group.split('.')[0]!;
  return capitalise(name) + capitalise(version);
}

/** "core_v1", "apps_v1", "coordination_v1": Kubernetes' operation tags. */
function operationTag(group: string, version: string): string {
  return `${group === '' ? 'core' : group.split('.')[0]}_${version}`;
}

/**
 * Every path kube-apiserver registers for one resource: collection, item, the deprecated
 * watch paths, the all-namespaces list, and subresources. Only verbs the type supports appear.
 */
export function resourcePaths(type: ResourceType, names: DefinitionNames): PathSpec[] {
  const base = type.group ? `/apis/${type.group}/${type.version}` : `/api/${type.version}`;
  const scope = type.namespaced ? '/namespaces/{namespace}' : '';
  const gvk: GroupVersionKind = { group: type.group, version: type.version, kind: type.kind };
  const kindDef = names.of(gvk);
  const listDef = names.of({ ...gvk, kind: type.listKind });
  const can = (verb: string) => type.verbs.includes(verb);
  const ids = new OperationIds(type);
  const op = (
    method: OperationSpec['method'],
    action: KubernetesAction,
    id: string,
    description: string,
    rest: Partial<OperationSpec> = {},
  ): OperationSpec => ({
    method,
    action,
    operationId: id,
    description,
    tag: operationTag(type.group, type.version),
    gvk,
    parameters: [],
    consumes: ['*/*'],
    produces: OBJECT_TYPES,
    responses: { '200': ok(kindDef) },
    ...rest,
  });

  const namespace = type.namespaced
    ? [pathParam('namespace', 'object name and auth scope, such as for teams and projects')]
    : [];
  const name = pathParam('name', `name of the ${type.kind}`);
  const paths: PathSpec[] = [];

  const collection: OperationSpec[] = [];
  if (can('list')) {
    collection.push(
      op('get', 'list', ids.list(), `list or watch objects of kind ${type.kind}`, {
        parameters: LIST_PARAMS,
        produces: WATCH_TYPES,
        responses: { '200': ok(listDef) },
      }),
    );
  }
  if (can('create')) {
    collection.push(
      op('post', 'post', ids.verb('create'), `create a ${type.kind}`, {
        parameters: WRITE_PARAMS,
        body: { schema: kindDef, required: true },
        responses: { '200': ok(kindDef), '201': created(kindDef), '202': accepted(kindDef) },
      }),
    );
  }
  if (can('deletecollection')) {
    collection.push(
      op('delete', 'deletecollection', ids.verb('deleteCollection'), `delete collection of ${type.kind}`, {
        parameters: DELETE_COLLECTION_PARAMS,
        body: { schema: META.deleteOptions, required: false },
        responses: { '200': ok(META.status) },
      }),
    );
  }
  paths.push({
    path: `${base}${scope}/${type.resource}`,
    parameters: [...namespace, PARAM.pretty],
    operations: collection,
  });

  const item: OperationSpec[] = [];
  if (can('get')) item.push(op('get', 'get', ids.verb('read'), `read the specified ${type.kind}`));
  if (can('update')) {
    item.push(
      op('put', 'put', ids.verb('replace'), `replace the specified ${type.kind}`, {
        parameters: WRITE_PARAMS,
        body: { schema: kindDef, required: true },
        responses: { '200': ok(kindDef), '201': created(kindDef) },
      }),
    );
  }
  if (can('patch')) item.push(patchOperation(op, ids.verb('patch'), type.kind, kindDef));
  if (can('delete')) {
    item.push(
      op('delete', 'delete', ids.verb('delete'), `delete a ${type.kind}`, {
        parameters: DELETE_PARAMS,
        body: { schema: META.deleteOptions, required: false },
        responses: { '200': ok(kindDef), '202': accepted(kindDef) },
      }),
    );
  }
  paths.push({
    path: `${base}${scope}/${type.resource}/{name}`,
    parameters: [name, ...namespace, PARAM.pretty],
    operations: item,
  });

  if (can('watch')) {
    const watchList = op(
      'get',
      'watchlist',
      ids.watchList(),
      `watch individual changes to a list of ${type.kind}. deprecated: use the 'watch' parameter with a list operation instead.`,
      { parameters: LIST_PARAMS, produces: WATCH_TYPES, responses: { '200': ok(META.watchEvent) } },
    );
    const watchOne = op(
      'get',
      'watch',
      ids.verb('watch'),
      `watch changes to an object of kind ${type.kind}. deprecated: use the 'watch' parameter with a list operation instead, filtered to a single item with the 'fieldSelector' parameter.`,
      { parameters: LIST_PARAMS, produces: WATCH_TYPES, responses: { '200': ok(META.watchEvent) } },
    );
    paths.push({
      path: `${base}/watch${scope}/${type.resource}`,
      parameters: [...namespace, PARAM.pretty],
      operations: [watchList],
    });
    paths.push({
      path: `${base}/watch${scope}/${type.resource}/{name}`,
      parameters: [name, ...namespace, PARAM.pretty],
      operations: [watchOne],
    });
  }
  if (type.namespaced && can('list')) {
    paths.push({
      path: `${base}/${type.resource}`,
      parameters: [PARAM.pretty],
      operations: [
        op('get', 'list', ids.list(true), `list or watch objects of kind ${type.kind}`, {
          parameters: LIST_PARAMS,
          produces: WATCH_TYPES,
          responses: { '200': ok(listDef) },
        }),
      ],
    });
    if (can('watch')) {
      paths.push({
        path: `${base}/watch/${type.resource}`,
        parameters: [PARAM.pretty],
        operations: [
          op(
            'get',
            'watchlist',
            ids.watchList(true),
            `watch individual changes to a list of ${type.kind}. deprecated: use the 'watch' parameter with a list operation instead.`,
            { parameters: LIST_PARAMS, produces: WATCH_TYPES, responses: { '200': ok(META.watchEvent) } },
          ),
        ],
      });
    }
  }

  for (const sub of type.subresources) {
    const info = subresourceInfo(type, sub);
    const subDef = names.of(info.responseKind);
    const subOp = (
      method: OperationSpec['method'],
      action: KubernetesAction,
      verb: string,
      description: string,
      rest: Partial<OperationSpec> = {},
    ) =>
      op(method, action, ids.verb(verb, sub), description, {
        gvk: info.responseKind,
        responses: { '200': ok(subDef) },
        ...rest,
      });
    const operations: OperationSpec[] = [];
    const subVerbs = new Set(info.verbs);
    switch (sub) {
      case 'log':
        operations.push(
          subOp('get', 'get', 'read', `read log of the specified ${type.kind}`, {
            parameters: LOG_PARAMS,
            produces: ['text/plain', ...OBJECT_TYPES],
            responses: { '200': ok('string') },
          }),
        );
        break;
      case 'exec':
      case 'attach':
      case 'portforward': {
        const params = sub === 'portforward' ? PORTFORWARD_PARAMS : EXEC_PARAMS;
        for (const method of ['get', 'post'] as const) {
          operations.push(
            op(
              method,
              'connect',
              ids.connect(method, sub),
              `connect ${method.toUpperCase()} requests to ${sub} of ${type.kind}`,
              { gvk: info.responseKind, parameters: params, produces: ['*/*'], responses: { '200': ok('string') } },
            ),
          );
        }
        break;
      }
      default:
        if (subVerbs.has('get'))
          operations.push(subOp('get', 'get', 'read', `read ${sub} of the specified ${type.kind}`));
        if (subVerbs.has('update')) {
          operations.push(
            subOp('put', 'put', 'replace', `replace ${sub} of the specified ${type.kind}`, {
              parameters: WRITE_PARAMS,
              body: { schema: subDef, required: true },
              responses: { '200': ok(subDef), '201': created(subDef) },
            }),
          );
        }
        if (subVerbs.has('patch'))
          operations.push({
            ...patchOperation(op, ids.verb('patch', sub), type.kind, subDef),
            gvk: info.responseKind,
            description: `partially update ${sub} of the specified ${type.kind}`,
          });
        if (subVerbs.has('create')) {
          operations.push(
            subOp('post', 'post', 'create', `create ${sub} of a ${type.kind}`, {
              parameters: WRITE_PARAMS,
              body: { schema: subDef, required: true },
              responses: { '200': ok(subDef), '201': created(subDef), '202': accepted(subDef) },
            }),
          );
        }
    }
    paths.push({
      path: `${base}${scope}/${type.resource}/{name}/${sub}`,
      parameters: [name, ...namespace, PARAM.pretty],
      operations,
    });
  }
  return paths.filter((p) => p.operations.length > 0);
}

function patchOperation(
  op: (
    m: OperationSpec['method'],
    a: KubernetesAction,
    id: string,
    d: string,
    r?: Partial<OperationSpec>,
  ) => OperationSpec,
  id: string,
  kind: string,
  def: string,
): OperationSpec {
  return op('patch', 'patch', id, `partially update the specified ${kind}`, {
    parameters: PATCH_PARAMS,
    body: { schema: META.patch, required: true },
    consumes: PATCH_CONTENT_TYPES,
    responses: { '200': ok(def), '201': created(def) },
  });
}

/** Operation ids as Kubernetes spells them: listCoreV1NamespacedPod, patchAppsV1NamespacedDeploymentScale. */
class OperationIds {
  private readonly gv: string;

  constructor(private readonly type: ResourceType) {
    this.gv = operationGroupVersion(type.group, type.version);
  }

  private scoped(): string {
    return this.type.namespaced ? 'Namespaced' : '';
  }

  verb(verb: string, sub?: string): string {
    return `${verb}${this.gv}${this.scoped()}${this.type.kind}${sub ? capitalise(sub) : ''}`;
  }

  list(allNamespaces = false): string {
    return allNamespaces ? `list${this.gv}${this.type.kind}ForAllNamespaces` : this.verb('list');
  }

  watchList(allNamespaces = false): string {
    return allNamespaces ? `watch${this.gv}${this.type.kind}ListForAllNamespaces` : `${this.verb('watch')}List`;
  }

  connect(method: 'get' | 'post', sub: string): string {
    return `connect${this.gv}${capitalise(method)}${this.scoped()}${this.type.kind}${capitalise(sub)}`;
  }
}

function ok(schema: string): ResponseSpec {
  return { description: 'OK', schema };
}
function created(schema: string): ResponseSpec {
  return { description: 'Created', schema };
}
function accepted(schema: string): ResponseSpec {
  return { description: 'Accepted', schema };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
