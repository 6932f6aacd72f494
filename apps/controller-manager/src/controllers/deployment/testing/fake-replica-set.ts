import type { Deployment, ReplicaSet } from '#api';
import { DEPLOYMENT_ANNOTATIONS } from '../util/deployment-annotations.js';

export interface FakeReplicaSetOptions {
  /** status.availableReplicas (and readyReplicas); defaults to the size. */
  available?: number;
  /** status.replicas; defaults to the size. */
  actual?: number;
  created?: string;
  revision?: number;
  /** desired-replicas and max-replicas annotations. */
  sizedFor?: { desired: number; max: number };
  ownedBy?: Deployment;
}

/** An RS fixture with status as the ReplicaSet controller would have written it. */
export function fakeReplicaSet(name: string, replicas: number, options: FakeReplicaSetOptions = {}): ReplicaSet {
  const annotations: Record<string, string> = {};
  if (options.revision !== undefined) annotations[DEPLOYMENT_ANNOTATIONS.revision] = String(options.revision);
  if (options.sizedFor) {
    annotations[DEPLOYMENT_ANNOTATIONS.desiredReplicas] = String(options.sizedFor.desired);
    annotations[DEPLOYMENT_ANNOTATIONS.maxReplicas] = String(options.sizedFor.max);
  }
  const owner = options.ownedBy;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: 'default',
      creationTimestamp: options.created ?? '2024-05-20T09:00:00Z',
      generation: 1,
      labels: { app: 'web', 'pod-template-hash': name },
      annotations,
      ...(owner
        ? {
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: 'Deployment',
                name: owner.metadata.name!,
                uid: owner.metadata.uid!,
                controller: true,
              },
            ],
          }
        : {}),
    },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web', 'pod-template-hash': name } },
      template: {
        metadata: { labels: { app: 'web', 'pod-template-hash': name } },
        spec: { containers: [{ name: 'web', image: `web:${name}` }] },
      },
    },
    status: {
      replicas: options.actual ?? replicas,
      readyReplicas: options.available ?? replicas,
      availableReplicas: options.available ?? replicas,
      observedGeneration: 1,
    },
  };
}
