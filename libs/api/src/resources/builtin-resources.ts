import type { ResourceType } from './resource-type.js';

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function type(
  spec: Omit<ResourceType, 'listKind' | 'singular' | 'verbs' | 'categories' | 'subresources'> &
    Partial<Pick<ResourceType, 'verbs' | 'categories' | 'subresources'>>,
): ResourceType {
  return {
    listKind: `${spec.kind}List`,
    singular: spec.kind.toLowerCase(),
    verbs: ALL_VERBS,
    categories: [],
    subresources: [],
    ...spec,
  };
}

/** Every kind kubenest serves, in discovery order. */
export const BUILTIN_RESOURCES: readonly ResourceType[] = [
  type({
    group: '',
    version: 'v1',
    kind: 'Namespace',
    resource: 'namespaces',
    namespaced: false,
    shortNames: ['ns'],
    subresources: ['status', 'finalize'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  }),
  type({
    group: '',
    version: 'v1',
    kind: 'Node',
    resource: 'nodes',
    namespaced: false,
    shortNames: ['no'],
    subresources: ['status'],
  }),
  type({
    group: '',
    version: 'v1',
    kind: 'Pod',
    resource: 'pods',
    namespaced: true,
    shortNames: ['po'],
    categories: ['all'],
    subresources: ['status', 'binding', 'log', 'exec', 'portforward', 'eviction'],
  }),
  type({
    group: '',
    version: 'v1',
    kind: 'Service',
    resource: 'services',
    namespaced: true,
    shortNames: ['svc'],
    categories: ['all'],
    subresources: ['status'],
    verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
  }),
  {
    ...type({
      group: '',
      version: 'v1',
      kind: 'Endpoints',
      resource: 'endpoints',
      namespaced: true,
      shortNames: ['ep'],
    }),
    singular: 'endpoints',
  },
  type({
    group: '',
    version: 'v1',
    kind: 'ReplicationController',
    resource: 'replicationcontrollers',
    namespaced: true,
    shortNames: ['rc'],
    categories: ['all'],
    subresources: ['status', 'scale'],
  }),
  type({ group: '', version: 'v1', kind: 'ConfigMap', resource: 'configmaps', namespaced: true, shortNames: ['cm'] }),
  type({ group: '', version: 'v1', kind: 'Secret', resource: 'secrets', namespaced: true, shortNames: [] }),
  type({ group: '', version: 'v1', kind: 'Event', resource: 'events', namespaced: true, shortNames: ['ev'] }),
  type({
    group: 'coordination.k8s.io',
    version: 'v1',
    kind: 'Lease',
    resource: 'leases',
    namespaced: true,
    shortNames: [],
  }),
  type({
    group: 'discovery.k8s.io',
    version: 'v1',
    kind: 'EndpointSlice',
    resource: 'endpointslices',
    namespaced: true,
    shortNames: [],
  }),
  type({
    group: 'apps',
    version: 'v1',
    kind: 'ReplicaSet',
    resource: 'replicasets',
    namespaced: true,
    shortNames: ['rs'],
    categories: ['all'],
    subresources: ['status', 'scale'],
  }),
  type({
    group: 'apps',
    version: 'v1',
    kind: 'Deployment',
    resource: 'deployments',
    namespaced: true,
    shortNames: ['deploy'],
    categories: ['all'],
    subresources: ['status', 'scale'],
  }),
  // Not stored: a create answers whether a bearer token is valid (how node agents authenticate the apiserver's calls).
  type({
    group: 'authentication.k8s.io',
    version: 'v1',
    kind: 'TokenReview',
    resource: 'tokenreviews',
    namespaced: false,
    shortNames: [],
    verbs: ['create'],
  }),
  // Not stored: the apiserver computes them from the node agents' latest samples, as metrics-server does (kubectl top).
  type({
    group: 'metrics.k8s.io',
    version: 'v1beta1',
    kind: 'NodeMetrics',
    resource: 'nodes',
    namespaced: false,
    shortNames: [],
    verbs: ['get', 'list'],
  }),
  type({
    group: 'metrics.k8s.io',
    version: 'v1beta1',
    kind: 'PodMetrics',
    resource: 'pods',
    namespaced: true,
    shortNames: [],
    verbs: ['get', 'list'],
  }),
  // Not stored: a create runs a search of the container logs and answers with the hits (kubenest logs search).
  type({
    group: 'logging.kubenest.io',
    version: 'v1alpha1',
    kind: 'LogQuery',
    resource: 'logqueries',
    namespaced: false,
    shortNames: [],
    verbs: ['create'],
  }),
];

/** A built-in kind by its resource name and group, e.g. builtinResource('pods'), builtinResource('deployments', 'apps'). */
export function builtinResource(resource: string, group = ''): ResourceType {
  const found = BUILTIN_RESOURCES.find((t) => t.group === group && t.resource === resource);
  if (!found) throw new Error(`no built-in resource ${group ? `${resource}.${group}` : resource}`);
  return found;
}
