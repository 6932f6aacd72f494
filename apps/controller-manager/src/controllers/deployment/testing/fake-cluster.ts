import {
  ApiError,
  applyJsonMergePatch,
  type Deployment,
  type JsonObject,
  type KubeList,
  type KubeObject,
  type Pod,
  type ReplicaSet,
  type ResourceType,
} from '#api';
import type { ApiClient, PatchType, WriteQuery } from '#client';
import { FakeInformer } from '#reconcile/testing';
import type { DeploymentDeps } from '../deployment-deps.js';
import { RESOURCE_TYPES } from '../resource-types.js';

export interface ClusterAction {
  verb: 'create' | 'update' | 'patch' | 'delete';
  resource: string;
  name: string;
  subresource?: string;
  body?: unknown;
}

/**
 * Informer caches plus an ApiClient that records each write and applies it to the caches,
 * so a test can run reconcile after reconcile as the real loop would, set RS status the
 * way the ReplicaSet controller would, and assert the actions and events in between.
 */
export class FakeCluster {
  readonly deployments = new FakeInformer<Deployment>(RESOURCE_TYPES.deployments);
  readonly replicaSets = new FakeInformer<ReplicaSet>(RESOURCE_TYPES.replicaSets);
  readonly pods = new FakeInformer<Pod>(RESOURCE_TYPES.pods);
  readonly actions: ClusterAction[] = [];
  readonly events: { reason: string; message: string; type: string }[] = [];
  clock = new Date('2024-05-20T10:00:00Z');
  private rv = 100;
  private uid = 0;

  readonly deps: DeploymentDeps = {
    client: this.client(),
    deployments: this.deployments,
    replicaSets: this.replicaSets,
    pods: this.pods,
    recorder: { event: (_obj, type, reason, message) => void this.events.push({ type, reason, message }) },
    now: () => this.clock,
  };

  /** Stores `obj` with server-set fields filled in (uid, resourceVersion, creationTimestamp, generation). */
  add<T extends KubeObject>(obj: T): T {
    const stored = structuredClone(obj);
    stored.metadata.uid ??= `uid-${++this.uid}`;
    stored.metadata.resourceVersion = String(++this.rv);
    stored.metadata.creationTimestamp ??= this.clock.toISOString().replace(/\.\d{3}Z$/, 'Z');
    stored.metadata.generation ??= 1;
    this.informerOf(stored).set(stored as never);
    return stored;
  }

  /** Changes a stored object as a user or another controller would (no action recorded). */
  change<T extends KubeObject>(obj: T, mutate: (copy: T) => void): T {
    const copy = structuredClone(this.informerOf(obj).get(obj.metadata.namespace, obj.metadata.name!) as T);
    mutate(copy);
    copy.metadata.resourceVersion = String(++this.rv);
    this.informerOf(copy).set(copy as never);
    return copy;
  }

  deployment(name: string): Deployment {
    return this.deployments.get('default', name)!;
  }

  /** The Deployment's RSs, oldest first. */
  replicaSetsOf(): ReplicaSet[] {
    return this.replicaSets
      .list('default')
      .sort(
        (a, b) =>
          a.metadata.creationTimestamp!.localeCompare(b.metadata.creationTimestamp!) ||
          a.metadata.name!.localeCompare(b.metadata.name!),
      );
  }

  tick(ms: number): void {
    this.clock = new Date(this.clock.getTime() + ms);
  }

  private informerOf(obj: KubeObject): FakeInformer<KubeObject> {
    const informer =
      obj.kind === 'Deployment' ? this.deployments : obj.kind === 'ReplicaSet' ? this.replicaSets : this.pods;
    return informer as unknown as FakeInformer<KubeObject>;
  }

  private informerFor(type: ResourceType): FakeInformer<KubeObject> {
    const informer =
      type === RESOURCE_TYPES.deployments
        ? this.deployments
        : type === RESOURCE_TYPES.replicaSets
          ? this.replicaSets
          : this.pods;
    return informer as unknown as FakeInformer<KubeObject>;
  }

  private client(): ApiClient {
    const stored = (type: ResourceType, namespace: string | undefined, name: string) => {
      const current = this.informerFor(type).get(namespace, name);
      if (!current) throw ApiError.notFound({ kindName: type.kind, name } as never);
      return current;
    };
    const unsupported = () => {
      throw new Error('FakeCluster: not supported');
    };
    return {
      get: async <T extends KubeObject>(type: ResourceType, namespace: string | undefined, name: string) =>
        structuredClone(this.informerFor(type).get(namespace, name)) as T | undefined,
      list: async <T extends KubeObject>(type: ResourceType) =>
        ({ apiVersion: 'v1', kind: 'List', metadata: {}, items: this.informerFor(type).list() }) as KubeList<T>,
      create: async <T extends KubeObject>(type: ResourceType, obj: T) => {
        this.actions.push({ verb: 'create', resource: type.resource, name: obj.metadata.name!, body: obj });
        if (this.informerFor(type).get(obj.metadata.namespace, obj.metadata.name!))
          throw ApiError.alreadyExists({ kindName: type.kind, name: obj.metadata.name } as never);
        return structuredClone(this.add({ ...obj, kind: type.kind }));
      },
      update: async <T extends KubeObject>(type: ResourceType, obj: T, query?: WriteQuery) => {
        const { namespace, name } = obj.metadata;
        this.actions.push({
          verb: 'update',
          resource: type.resource,
          name: name!,
          subresource: query?.subresource,
          body: obj,
        });
        const current = stored(type, namespace, name!);
        if (current.metadata.resourceVersion !== obj.metadata.resourceVersion)
          throw ApiError.conflict({ kindName: type.kind, name } as never, 'stale resourceVersion');
        const next =
          query?.subresource === 'status'
            ? { ...structuredClone(current), status: obj['status'] }
            : structuredClone(obj);
        next.metadata.resourceVersion = String(++this.rv);
        this.informerFor(type).set(next);
        return structuredClone(next) as T;
      },
      patch: async <T extends KubeObject>(
        type: ResourceType,
        namespace: string | undefined,
        name: string,
        patch: unknown,
        _patchType: PatchType,
      ) => {
        this.actions.push({ verb: 'patch', resource: type.resource, name, body: patch });
        const current = stored(type, namespace, name);
        const next = applyJsonMergePatch(
          structuredClone(current) as unknown as JsonObject,
          patch,
        ) as unknown as KubeObject;
        next.metadata.resourceVersion = String(++this.rv);
        this.informerFor(type).set(next);
        return structuredClone(next) as T;
      },
      delete: async (type: ResourceType, namespace: string | undefined, name: string) => {
        this.actions.push({ verb: 'delete', resource: type.resource, name });
        this.informerFor(type).remove(stored(type, namespace, name));
      },
      watch: unsupported,
      postSubresource: unsupported,
      close: () => undefined,
    } as unknown as ApiClient;
  }
}
