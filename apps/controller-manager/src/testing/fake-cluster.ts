import { randomUUID } from 'node:crypto';
import {
  ApiError,
  apiVersionOf,
  applyJsonMergePatch,
  type JsonObject,
  type KubeList,
  type KubeObject,
  type ResourceType,
} from '#api';
import type { ApiClient, DeleteQuery, ListQuery, PatchType, WriteQuery } from '#client';
import { FakeInformer } from '#reconcile/testing';

/** One write a controller made, for assertions: verb, "resource ns/name", and what it sent. */
export interface ClusterAction {
  verb: 'create' | 'update' | 'patch' | 'delete';
  target: string;
  detail?: unknown;
}

/**
 * An ApiClient and one FakeInformer per kind over the same in-memory objects, for reconcile
 * specs: every write lands in the informer at once (a cache that is never stale unless a test
 * edits it) and is recorded in `actions`. Deletion follows the apiserver: finalizers (and
 * propagationPolicy Orphan/Foreground) leave the object with a deletionTimestamp until a
 * write removes its last finalizer; no grace periods.
 */
export class FakeCluster implements ApiClient {
  readonly actions: ClusterAction[] = [];
  private readonly informers = new Map<ResourceType, FakeInformer<KubeObject>>();
  private resourceVersion = 1;

  constructor(private readonly now: () => Date = () => new Date()) {}

  informer<T extends KubeObject>(type: ResourceType): FakeInformer<T> {
    let informer = this.informers.get(type);
    if (!informer) {
      informer = new FakeInformer<KubeObject>(type);
      void informer.start();
      this.informers.set(type, informer);
    }
    return informer as unknown as FakeInformer<T>;
  }

  /** Puts objects in place without recording an action; fills uid, kind and resourceVersion. */
  seed<T extends KubeObject>(type: ResourceType, ...objects: T[]): T[] {
    return objects.map((obj) => {
      const stored = structuredClone(obj);
      stored.apiVersion = apiVersionOf(type);
      stored.kind = type.kind;
      stored.metadata.uid ??= randomUUID();
      this.store(type, stored);
      return stored;
    });
  }

  async get<T extends KubeObject>(type: ResourceType, namespace: string | undefined, name: string) {
    const obj = this.informer<T>(type).get(namespace, name);
    return obj ? structuredClone(obj) : undefined;
  }

  async list<T extends KubeObject>(type: ResourceType, query: ListQuery = {}): Promise<KubeList<T>> {
    const items = this.informer<T>(type)
      .list(query.namespace)
      .map((o) => structuredClone(o));
    return {
      apiVersion: 'v1',
      kind: type.listKind,
      metadata: { resourceVersion: String(this.resourceVersion) },
      items,
    };
  }

  async create<T extends KubeObject>(type: ResourceType, obj: T): Promise<T> {
    this.record('create', type, obj.metadata.namespace, obj.metadata.name!, obj);
    return this.seed(type, obj)[0];
  }

  async update<T extends KubeObject>(type: ResourceType, obj: T, query: WriteQuery = {}): Promise<T> {
    const { namespace, name } = obj.metadata;
    const current = this.current(type, namespace, name!);
    this.checkVersion(type, current, obj.metadata.resourceVersion);
    this.record('update', type, namespace, name!, { subresource: query.subresource, body: obj });
    const next: KubeObject = structuredClone(current);
    if (query.subresource === 'status') next.status = obj.status;
    else if (query.subresource === 'finalize') next.spec = { ...(next.spec as object), ...(obj.spec as object) };
    else Object.assign(next, structuredClone(obj), { metadata: { ...current.metadata, ...obj.metadata } });
    return this.write(type, next) as T;
  }

  async patch<T extends KubeObject>(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    patch: unknown,
    patchType: PatchType,
    query: WriteQuery = {},
  ): Promise<T> {
    if (patchType !== 'merge') throw new Error(`FakeCluster: only merge patches, not ${patchType}`);
    const current = this.current(type, namespace, name);
    this.checkVersion(type, current, (patch as KubeObject).metadata?.resourceVersion);
    this.record('patch', type, namespace, name, patch);
    const next = applyJsonMergePatch(structuredClone(current) as unknown as JsonObject, patch) as unknown as KubeObject;
    if (query.subresource !== 'status') next.status = current.status;
    return this.write(type, next) as T;
  }

  async delete(type: ResourceType, namespace: string | undefined, name: string, query: DeleteQuery = {}) {
    const current = this.current(type, namespace, name);
    const { uid, resourceVersion } = query.preconditions ?? {};
    if (
      (uid && uid !== current.metadata.uid) ||
      (resourceVersion && resourceVersion !== current.metadata.resourceVersion)
    )
      throw ApiError.conflict({ kind: type.resource, name }, 'Precondition failed');
    this.record('delete', type, namespace, name, query.propagationPolicy);
    const next = structuredClone(current);
    const gcFinalizer = { Orphan: 'orphan', Foreground: 'foregroundDeletion', Background: undefined }[
      query.propagationPolicy ?? 'Background'
    ];
    const finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== 'orphan' && f !== 'foregroundDeletion');
    if (query.propagationPolicy === undefined)
      finalizers.push(...(next.metadata.finalizers ?? []).filter((f) => !finalizers.includes(f)));
    if (gcFinalizer) finalizers.push(gcFinalizer);
    const specFinalizers = (next.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
    if (finalizers.length === 0 && !(type.kind === 'Namespace' && specFinalizers.length > 0)) {
      this.informer(type).remove(current);
      return;
    }
    next.metadata.finalizers = finalizers;
    next.metadata.deletionTimestamp ??= this.now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
    this.write(type, next);
  }

  postSubresource(): never {
    throw new Error('FakeCluster: postSubresource is not modelled');
  }

  watch(): never {
    throw new Error('FakeCluster: watch through informer()');
  }

  close(): void {}

  /** Removes an object as if it vanished behind the controller's back (no action recorded). */
  forget(type: ResourceType, obj: KubeObject): void {
    this.informer(type).remove(obj);
  }

  /** The recorded actions as "verb resource ns/name" lines, the shape most assertions want. */
  summary(): string[] {
    return this.actions.map((a) => `${a.verb} ${a.target}`);
  }

  private record(
    verb: ClusterAction['verb'],
    type: ResourceType,
    ns: string | undefined,
    name: string,
    detail: unknown,
  ) {
    this.actions.push({
      verb,
      target: `${type.resource} ${ns ? `${ns}/` : ''}${name}`,
      detail: structuredClone(detail),
    });
  }

  private current(type: ResourceType, namespace: string | undefined, name: string): KubeObject {
    const obj = this.informer(type).get(namespace, name);
    if (!obj) throw ApiError.notFound({ kind: type.resource, name });
    return obj;
  }

  private checkVersion(type: ResourceType, current: KubeObject, expected: string | undefined): void {
    if (expected !== undefined && expected !== current.metadata.resourceVersion)
      throw ApiError.conflict({ kind: type.resource, name: current.metadata.name }, 'the object has been modified');
  }

  /** Stores `next`, or removes it when a write took away the last finalizer of a deleting object. */
  private write(type: ResourceType, next: KubeObject): KubeObject {
    const specFinalizers = (next.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
    const finalized =
      next.metadata.deletionTimestamp &&
      (next.metadata.finalizers?.length ?? 0) === 0 &&
      !(type.kind === 'Namespace' && specFinalizers.length > 0);
    if (finalized) {
      this.informer(type).remove(next);
      return next;
    }
    this.store(type, next);
    return structuredClone(next);
  }

  private store(type: ResourceType, obj: KubeObject): void {
    obj.metadata.resourceVersion = String(++this.resourceVersion);
    this.informer(type).set(obj);
    this.informer(type).setResourceVersion(obj.metadata.resourceVersion);
  }
}
