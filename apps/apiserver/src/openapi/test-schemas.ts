/**
 * A small hand-made stand-in for jsonSchemasForOpenApi() (the DTO layer's output), shaped
 * like Kubernetes' definitions: GVK extensions, patch merge keys, $refs to #/definitions/.
 * Used by specs only.
 */
const ref = (name: string) => ({ $ref: `#/definitions/${name}` });
const gvk = (group: string, version: string, kind: string) => ({
  'x-kubernetes-group-version-kind': [{ group, version, kind }],
});
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

export function testSchemas(): Record<string, object> {
  return {
    [`${META}.ObjectMeta`]: {
      description: 'ObjectMeta is metadata that all persisted resources must have.',
      type: 'object',
      properties: {
        name: { type: 'string', description: 'Name must be unique within a namespace.' },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        annotations: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
    [`${META}.ListMeta`]: {
      type: 'object',
      properties: { resourceVersion: { type: 'string' }, continue: { type: 'string' } },
    },
    [`${META}.Status`]: {
      type: 'object',
      properties: { code: { type: 'integer' }, message: { type: 'string' } },
      ...gvk('', 'v1', 'Status'),
    },
    [`${META}.DeleteOptions`]: {
      type: 'object',
      properties: { propagationPolicy: { type: 'string' } },
      ...gvk('', 'v1', 'DeleteOptions'),
    },
    [`${META}.WatchEvent`]: {
      type: 'object',
      required: ['type', 'object'],
      properties: { type: { type: 'string' }, object: { type: 'object' } },
    },
    [`${META}.Patch`]: {
      type: 'object',
      description: 'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.',
    },
    'io.k8s.api.core.v1.Container': {
      type: 'object',
      required: ['name'],
      properties: { name: { type: 'string' }, image: { type: 'string', description: 'Container image name.' } },
    },
    'io.k8s.api.core.v1.PodSpec': {
      type: 'object',
      required: ['containers'],
      properties: {
        containers: {
          type: 'array',
          description: 'List of containers belonging to the pod.',
          items: ref('io.k8s.api.core.v1.Container'),
          'x-kubernetes-patch-merge-key': 'name',
          'x-kubernetes-patch-strategy': 'merge',
        },
      },
    },
    'io.k8s.api.core.v1.Pod': {
      description: 'Pod is a collection of containers that can run on a host.',
      type: 'object',
      properties: {
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: { ...ref(`${META}.ObjectMeta`), description: 'Standard object metadata.' },
        spec: {
          ...ref('io.k8s.api.core.v1.PodSpec'),
          description: 'Specification of the desired behavior of the pod.',
        },
      },
      ...gvk('', 'v1', 'Pod'),
    },
    'io.k8s.api.core.v1.PodList': {
      type: 'object',
      required: ['items'],
      properties: { metadata: ref(`${META}.ListMeta`), items: { type: 'array', items: ref('io.k8s.api.core.v1.Pod') } },
      ...gvk('', 'v1', 'PodList'),
    },
    'io.k8s.api.apps.v1.DeploymentStrategy': {
      description: 'DeploymentStrategy describes how to replace existing pods with new ones.',
      type: 'object',
      properties: {
        type: {
          type: 'string',
          description: 'Type of deployment. Can be "Recreate" or "RollingUpdate".',
          enum: ['Recreate', 'RollingUpdate'],
        },
      },
    },
    'io.k8s.api.apps.v1.DeploymentSpec': {
      type: 'object',
      properties: {
        replicas: { type: 'integer', format: 'int32' },
        strategy: {
          ...ref('io.k8s.api.apps.v1.DeploymentStrategy'),
          description: 'The deployment strategy to use to replace existing pods with new ones.',
          'x-kubernetes-patch-strategy': 'retainKeys',
        },
      },
    },
    'io.k8s.api.apps.v1.Deployment': {
      description: 'Deployment enables declarative updates for Pods and ReplicaSets.',
      type: 'object',
      properties: {
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: ref(`${META}.ObjectMeta`),
        spec: ref('io.k8s.api.apps.v1.DeploymentSpec'),
      },
      ...gvk('apps', 'v1', 'Deployment'),
    },
  };
}
