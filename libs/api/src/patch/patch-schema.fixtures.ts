import type { PatchSchema } from './patch-schema.js';

/**
 * Hand-built PatchSchemas mirroring the patchStrategy/patchMergeKey tags of the
 * Kubernetes Go types (k8s.io/api core/v1, apps/v1), for tests of the patch engine
 * independent of the DTO-derived schemas.
 */

/** The struct Kubernetes' own strategicpatch tests use (MergeItem in patch_test.go). */
export const mergeItemSchema: PatchSchema = { fields: {} };
const retainKeysMergeItem: PatchSchema = {
  fields: {
    simpleMap: { map: true },
    mergingIntList: { list: true, strategy: 'merge' },
    mergingList: { list: true, strategy: 'merge', mergeKey: 'name', schema: mergeItemSchema },
    nonMergingList: { list: true, schema: mergeItemSchema },
  },
};
Object.assign(mergeItemSchema.fields, {
  mergingList: { list: true, strategy: 'merge', mergeKey: 'name', schema: mergeItemSchema },
  nonMergingList: { list: true, schema: mergeItemSchema },
  mergingIntList: { list: true, strategy: 'merge' },
  nonMergingIntList: { list: true },
  mergeItemPtr: { schema: mergeItemSchema },
  simpleMap: { map: true },
  replacingItem: { strategy: 'replace' },
  retainKeysMap: { strategy: 'retainKeys', schema: retainKeysMergeItem },
  retainKeysMergingList: { list: true, strategy: 'merge,retainKeys', mergeKey: 'name', schema: mergeItemSchema },
});

const objectMeta: PatchSchema = {
  fields: {
    labels: { map: true },
    annotations: { map: true },
    finalizers: { list: true, strategy: 'merge' },
    ownerReferences: { list: true, strategy: 'merge', mergeKey: 'uid' },
  },
};

const container: PatchSchema = {
  fields: {
    ports: { list: true, strategy: 'merge', mergeKey: 'containerPort' },
    env: { list: true, strategy: 'merge', mergeKey: 'name', schema: { fields: { valueFrom: {} } } },
    envFrom: { list: true },
    volumeMounts: { list: true, strategy: 'merge', mergeKey: 'mountPath' },
    volumeDevices: { list: true, strategy: 'merge', mergeKey: 'devicePath' },
    resources: { schema: { fields: { limits: { map: true }, requests: { map: true } } } },
    command: { list: true },
    args: { list: true },
  },
};

const podSpec: PatchSchema = {
  fields: {
    volumes: { list: true, strategy: 'merge,retainKeys', mergeKey: 'name', schema: { fields: {} } },
    initContainers: { list: true, strategy: 'merge', mergeKey: 'name', schema: container },
    containers: { list: true, strategy: 'merge', mergeKey: 'name', schema: container },
    imagePullSecrets: { list: true, strategy: 'merge', mergeKey: 'name' },
    tolerations: { list: true },
    hostAliases: { list: true, strategy: 'merge', mergeKey: 'ip' },
    nodeSelector: { map: true },
    topologySpreadConstraints: { list: true, strategy: 'merge', mergeKey: 'topologyKey' },
  },
};

export const podSchema: PatchSchema = {
  fields: {
    metadata: { schema: objectMeta },
    spec: { schema: podSpec },
    status: {
      schema: {
        fields: {
          conditions: { list: true, strategy: 'merge', mergeKey: 'type' },
          podIPs: { list: true, strategy: 'merge', mergeKey: 'ip' },
          containerStatuses: { list: true },
        },
      },
    },
  },
};

export const deploymentSchema: PatchSchema = {
  fields: {
    metadata: { schema: objectMeta },
    spec: {
      schema: {
        fields: {
          selector: { schema: { fields: { matchLabels: { map: true }, matchExpressions: { list: true } } } },
          template: { schema: { fields: { metadata: { schema: objectMeta }, spec: { schema: podSpec } } } },
          strategy: { strategy: 'retainKeys', schema: { fields: { rollingUpdate: {} } } },
        },
      },
    },
    status: { schema: { fields: { conditions: { list: true, strategy: 'merge', mergeKey: 'type' } } } },
  },
};

export const serviceSchema: PatchSchema = {
  fields: {
    metadata: { schema: objectMeta },
    spec: {
      schema: {
        fields: {
          ports: { list: true, strategy: 'merge', mergeKey: 'port' },
          selector: { map: true },
          externalIPs: { list: true },
          clusterIPs: { list: true },
        },
      },
    },
  },
};

export const nodeSchema: PatchSchema = {
  fields: {
    metadata: { schema: objectMeta },
    spec: { schema: { fields: { taints: { list: true }, podCIDRs: { list: true, strategy: 'merge' } } } },
    status: {
      schema: {
        fields: {
          conditions: { list: true, strategy: 'merge', mergeKey: 'type' },
          addresses: { list: true, strategy: 'merge', mergeKey: 'type' },
          images: { list: true },
          capacity: { map: true },
        },
      },
    },
  },
};
