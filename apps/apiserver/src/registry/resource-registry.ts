import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import {
  ApiError,
  apiVersionOf,
  applyDefaults,
  applyPatch,
  patchSchemaFor,
  PatchContentType,
  storageNameOf,
  validateObject,
  validateUpdate,
  type FieldError,
  type KubeList,
  type KubeObject,
  type ResourceType,
} from '#api';
import { AllocationConflictError, type Store, type Watch } from '#store';
import { generatedName } from './object-names.js';
import { ObjectFilter } from './object-filter.js';
import { NamespaceLifecycle } from './namespace-lifecycle.js';
import type {
  DeleteOptions,
  ListOptions,
  PropagationPolicy,
  WatchOptions,
  WriteOptions,
  WriteResult,
} from './request-options.js';
import { strategyFor, type StrategySettings } from './strategies/strategy-for.js';
import { timestamp } from './timestamp.js';
import type { ResourceStrategy } from './strategies/resource-strategy.js';
import { allocationKey, type AllocationPlan } from './strategies/object-allocator.js';

/** The garbage collector's finalizers (metav1.FinalizerOrphanDependents, FinalizerDeleteDependents). */
const ORPHAN_FINALIZER = 'orphan';
const FOREGROUND_FINALIZER = 'foregroundDeletion';

/** How often an unconditional update re-reads and retries after losing a race. */
const MAX_UPDATE_ATTEMPTS = 16;

/** Where an object lives: its kind, and its namespace (for namespaced kinds) and name. */
export interface ObjectAddress {
  type: ResourceType;
  namespace?: string;
  name: string;
}

/**
 * The one write path: every create, update, patch and delete, from REST or from an
 * in-cluster component, is decoded, defaulted, validated and admitted here before it
 * reaches the store. Kubernetes splits this into genericregistry.Store plus per-kind
 * strategies; the strategies live in ./strategies.
 */
export class ResourceRegistry {
  private readonly strategies = new Map<ResourceType, ResourceStrategy>();

  constructor(
    private readonly store: Store,
    private readonly namespaces: NamespaceLifecycle,
    private readonly settings: StrategySettings,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async create(
    type: ResourceType,
    namespace: string | undefined,
    body: unknown,
    options: WriteOptions,
  ): Promise<WriteResult<KubeObject>> {
    const { object: obj, warnings } = this.decode(type, body, options);
    const meta = obj.metadata;
    if (type.namespaced) {
      if (meta.namespace !== undefined && meta.namespace !== '' && meta.namespace !== namespace) {
        throw ApiError.badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      meta.namespace = namespace;
    } else {
      delete meta.namespace;
    }
    if (!meta.name && meta.generateName) meta.name = generatedName(meta.generateName);

    const strategy = this.strategyOf(type);
    strategy.prepareForCreate(obj);
    Object.assign(meta, {
      uid: randomUUID(),
      creationTimestamp: timestamp(this.clock()),
      ...(strategy.tracksGeneration ? { generation: 1 } : {}),
    });
    delete meta.resourceVersion;
    delete meta.deletionTimestamp;
    delete meta.deletionGracePeriodSeconds;
    applyDefaults(type, obj);
    this.assertValid(type, obj, validateObject(type, obj, { fieldValidation: 'Ignore' }).errors);
    if (type.namespaced) await this.namespaces.admitCreate(namespace!);
    for (let attempt = 1; ; attempt++) {
      // Each attempt plans on a fresh copy: a lost race for a picked value picks again.
      const candidate = strategy.allocator ? structuredClone(obj) : obj;
      const plan = await strategy.allocator?.plan(candidate, undefined);
      if (options.dryRun) return { object: candidate, warnings, created: true };
      try {
        const stored = await this.store.create(storageNameOf(type), candidate, {
          ttlSeconds: strategy.ttlSeconds,
          allocations: plan,
        });
        return { object: this.written(type, stored), warnings, created: true };
      } catch (error) {
        this.rethrowUnlessPickLost(type, candidate, plan, error, attempt);
      }
    }
  }

  async get(address: ObjectAddress): Promise<KubeObject> {
    const obj = await this.store.get(storageNameOf(address.type), address.namespace ?? '', address.name);
    if (!obj) throw notFound(address);
    return obj;
  }

  async list(type: ResourceType, namespace: string | undefined, options: ListOptions): Promise<KubeList> {
    const filter = ObjectFilter.parse(type, options);
    const page = await this.store.list(storageNameOf(type), {
      namespace,
      limit: options.limit,
      continue: options.continue,
      predicate: filter.isEverything() ? undefined : (obj) => filter.matches(obj),
    });
    return {
      apiVersion: apiVersionOf(type),
      kind: type.listKind,
      metadata: {
        resourceVersion: page.resourceVersion,
        ...(page.continue ? { continue: page.continue } : {}),
        ...(page.remainingItemCount !== undefined ? { remainingItemCount: page.remainingItemCount } : {}),
      },
      items: page.items,
    };
  }

  watch(type: ResourceType, namespace: string | undefined, options: WatchOptions): Watch {
    const filter = ObjectFilter.parse(type, options);
    return this.store.watch(storageNameOf(type), {
      namespace,
      resourceVersion: options.resourceVersion,
      predicate: filter.isEverything() ? undefined : (obj) => filter.matches(obj),
      allowBookmarks: options.allowWatchBookmarks,
      sendInitialEvents: options.sendInitialEvents,
      objectType: { apiVersion: apiVersionOf(type), kind: type.kind },
    });
  }

  /** PUT of the main resource or of its status subresource. */
  async update(
    address: ObjectAddress,
    body: unknown,
    subresource: WritableSubresource | undefined,
    options: WriteOptions,
  ): Promise<WriteResult<KubeObject>> {
    const decoded = this.decode(address.type, body, options);
    this.assertSameIdentity(address, decoded.object);
    const pinned = decoded.object.metadata.resourceVersion;
    const object = await this.guaranteedUpdate(address, pinned, options, (current) =>
      this.prepareUpdate(address.type, subresource, decoded.object, current),
    );
    return { object, warnings: decoded.warnings };
  }

  /** PATCH of the main resource or of its status subresource. */
  async patch(
    address: ObjectAddress,
    contentType: string,
    patchBody: unknown,
    subresource: WritableSubresource | undefined,
    options: WriteOptions,
  ): Promise<WriteResult<KubeObject>> {
    try {
      return await this.patchExisting(address, contentType, patchBody, subresource, options);
    } catch (error) {
      // Server-side apply is create-or-update: applying to a missing object creates it.
      const applyToMissing = contentType === PatchContentType.apply && !subresource && isReason(error, 'NotFound');
      if (!applyToMissing) throw error;
    }
    const applied = applyPatch(contentType, {}, patchBody, patchSchemaFor(address.type)) as KubeObject;
    applied.metadata = { ...applied.metadata, name: address.name };
    try {
      return await this.create(address.type, address.namespace, applied, options);
    } catch (error) {
      // Another writer created it in between: apply to what it created.
      if (!isReason(error, 'AlreadyExists')) throw error;
      return this.patchExisting(address, contentType, patchBody, subresource, options);
    }
  }

  private async patchExisting(
    address: ObjectAddress,
    contentType: string,
    patchBody: unknown,
    subresource: WritableSubresource | undefined,
    options: WriteOptions,
  ): Promise<WriteResult<KubeObject>> {
    const warnings: string[] = [];
    const schema = patchSchemaFor(address.type);
    const object = await this.guaranteedUpdate(address, undefined, options, (current) => {
      const patched = applyPatch(contentType, structuredClone(current), patchBody, schema) as KubeObject;
      if (patched?.metadata?.resourceVersion && patched.metadata.resourceVersion !== current.metadata.resourceVersion) {
        throw conflict(address);
      }
      const decoded = this.decode(address.type, patched, options);
      warnings.push(...decoded.warnings);
      this.assertSameIdentity(address, decoded.object);
      return this.prepareUpdate(address.type, subresource, decoded.object, current);
    });
    return { object, warnings };
  }

  /**
   * Reads the current object, lets `mutate` compute the next one, and writes it only if
   * nobody wrote in between; retried on a lost race unless the caller pinned a
   * resourceVersion (then the race is the caller's 409). A no-op write changes nothing,
   * not even the resourceVersion, so `kubectl apply` of an unchanged file is silent.
   * dryRun returns the object that would be written, without generation or write.
   */
  async guaranteedUpdate(
    address: ObjectAddress,
    pinnedResourceVersion: string | undefined,
    options: Pick<WriteOptions, 'dryRun'>,
    mutate: (current: KubeObject) => KubeObject,
  ): Promise<KubeObject> {
    const storageName = storageNameOf(address.type);
    for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
      const current = await this.get(address);
      if (pinnedResourceVersion !== undefined && pinnedResourceVersion !== current.metadata.resourceVersion) {
        throw conflict(address);
      }
      const next = mutate(structuredClone(current));
      next.metadata.resourceVersion = current.metadata.resourceVersion;
      const allocator = this.strategyOf(address.type).allocator;
      const plan = await allocator?.plan(next, current);
      if (isDeepStrictEqual(next, current) || options.dryRun) return next;
      // Every path that changes the desired state (update, patch, scale) moves generation.
      if (this.strategyOf(address.type).tracksGeneration && specChanged(next, current)) {
        next.metadata.generation = (current.metadata.generation ?? 0) + 1;
      }
      try {
        if (isFinalized(address.type, next)) {
          const deleted = await this.store.delete(storageName, address.namespace ?? '', address.name, {
            expectedResourceVersion: current.metadata.resourceVersion,
            release: allocator?.held(current),
          });
          return this.written(address.type, deleted, { deleted: true });
        }
        const updated = await this.store.update(storageName, next, {
          expectedResourceVersion: current.metadata.resourceVersion,
          ttlSeconds: this.strategyOf(address.type).ttlSeconds,
          allocations: plan,
        });
        return this.written(address.type, updated);
      } catch (error) {
        if (error instanceof AllocationConflictError) {
          this.rethrowUnlessPickLost(address.type, next, plan, error, attempt + 1);
          continue;
        }
        if (!isReason(error, 'Conflict') || pinnedResourceVersion !== undefined) throw error;
      }
    }
    throw conflict(address);
  }

  /**
   * DELETE. Objects with finalizers, and pods still bound to a node that must stop
   * their containers, are marked with deletionTimestamp and removed later by whoever
   * owns the finalizer (or the node agent). propagationPolicy is carried out by the
   * garbage collector in controller-manager; here it only decides the finalizer
   * (Orphan -> "orphan", Foreground -> "foregroundDeletion"), as kube-apiserver does.
   */
  async delete(address: ObjectAddress, options: DeleteOptions): Promise<{ object: KubeObject; pending: boolean }> {
    const storageName = storageNameOf(address.type);
    const current = await this.get(address);
    const { uid, resourceVersion } = options.preconditions ?? {};
    if (uid !== undefined && uid !== current.metadata.uid) {
      throw ApiError.conflict(
        targetOf(address),
        `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${current.metadata.uid}`,
      );
    }
    if (resourceVersion !== undefined && resourceVersion !== current.metadata.resourceVersion) {
      throw ApiError.conflict(
        targetOf(address),
        `Precondition failed: ResourceVersion in precondition: ${resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`,
      );
    }
    const graceSeconds = this.gracePeriodFor(address.type, current, options);
    const finalizers = finalizersForPropagation(current.metadata.finalizers, options.propagationPolicy);
    const mustWait = finalizers.length > 0 || hasSpecFinalizers(address.type, current) || graceSeconds > 0;
    if (!mustWait) {
      if (options.dryRun) return { object: current, pending: false };
      const deleted = await this.store.delete(storageName, address.namespace ?? '', address.name, {
        expectedResourceVersion: current.metadata.resourceVersion,
        release: this.strategyOf(address.type).allocator?.held(current),
      });
      return { object: this.written(address.type, deleted, { deleted: true }), pending: false };
    }
    const object = await this.guaranteedUpdate(address, undefined, options, (obj) => {
      if (!obj.metadata.deletionTimestamp) {
        const deadline = new Date(this.clock().getTime() + graceSeconds * 1000);
        obj.metadata.deletionTimestamp = timestamp(deadline);
        obj.metadata.deletionGracePeriodSeconds = graceSeconds;
      } else if (graceSeconds < (obj.metadata.deletionGracePeriodSeconds ?? 0)) {
        // A shorter grace period may replace a longer one, never the reverse.
        obj.metadata.deletionGracePeriodSeconds = graceSeconds;
      }
      const next = finalizersForPropagation(obj.metadata.finalizers, options.propagationPolicy);
      if (next.length > 0) obj.metadata.finalizers = next;
      else delete obj.metadata.finalizers;
      if (address.type.kind === 'Namespace' && address.type.group === '') {
        obj.status = { ...(obj.status as object), phase: 'Terminating' };
      }
      return obj;
    });
    return { object, pending: true };
  }

  /** DELETE on a collection: every object the selectors match, one by one, as Kubernetes does. */
  async deleteCollection(
    type: ResourceType,
    namespace: string | undefined,
    list: ListOptions,
    options: DeleteOptions,
  ): Promise<KubeList> {
    const matched = await this.list(type, namespace, {
      labelSelector: list.labelSelector,
      fieldSelector: list.fieldSelector,
    });
    const items: KubeObject[] = [];
    for (const item of matched.items) {
      const address = { type, namespace: item.metadata.namespace, name: item.metadata.name! };
      try {
        items.push((await this.delete(address, options)).object);
      } catch (error) {
        if (!isReason(error, 'NotFound')) throw error;
      }
    }
    return { ...matched, items };
  }

  private prepareUpdate(
    type: ResourceType,
    subresource: WritableSubresource | undefined,
    requested: KubeObject,
    current: KubeObject,
  ): KubeObject {
    let next: KubeObject;
    if (subresource) {
      next = subresourceWrite(subresource, requested, current);
    } else {
      next = requested;
      this.strategyOf(type).prepareForUpdate(next, current);
      preserveSystemMetadata(next, current);
    }
    applyDefaults(type, next);
    const errors = [
      ...validateObject(type, next, { fieldValidation: 'Ignore' }).errors,
      ...validateUpdate(type, next, current),
    ];
    this.assertValid(type, next, errors);
    return next;
  }

  /**
   * Checks the envelope (apiVersion, kind, metadata) and applies fieldValidation:
   * unknown fields fail a Strict request, warn under Warn, and are dropped always.
   */
  private decode(type: ResourceType, body: unknown, options: WriteOptions): { object: KubeObject; warnings: string[] } {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw ApiError.badRequest(
        `the request body must be a JSON or YAML object, not ${Array.isArray(body) ? 'an array' : typeof body}`,
      );
    }
    const obj = body as KubeObject;
    const expected = apiVersionOf(type);
    // Like Kubernetes' decoder, a body without kind or apiVersion takes them from the URL; only a mismatch is an error.
    if (
      (obj.kind !== undefined && obj.kind !== type.kind) ||
      (obj.apiVersion !== undefined && obj.apiVersion !== expected)
    ) {
      throw ApiError.badRequest(
        `the API version in the data (${obj.apiVersion ?? ''}) and kind (${obj.kind}) do not match the expected ${expected} ${type.kind}`,
      );
    }
    obj.apiVersion = expected;
    obj.kind = type.kind;
    if (obj.metadata === undefined) obj.metadata = {};
    if (obj.metadata === null || typeof obj.metadata !== 'object' || Array.isArray(obj.metadata)) {
      throw ApiError.badRequest('metadata must be an object');
    }
    const {
      unknownFields,
      errors,
      object: pruned,
    } = validateObject(type, obj, { fieldValidation: options.fieldValidation });
    const warnings: string[] = [];
    if (unknownFields.length > 0) {
      const described = unknownFields.map((f) => `unknown field "${f}"`);
      if (options.fieldValidation === 'Strict') {
        throw ApiError.badRequest(
          `${type.kind} in version "${type.version}" cannot be handled as a ${type.kind}: strict decoding error: ${described.join(', ')}`,
        );
      }
      if (options.fieldValidation === 'Warn') warnings.push(...described);
    }
    // A body with wrong JSON types cannot be decoded at all, as in Kubernetes: refuse it before defaulting.
    const typeErrors = errors.filter((e) => e.type === 'FieldValueTypeInvalid');
    if (typeErrors.length > 0) this.assertValid(type, obj, typeErrors);
    return { object: pruned as KubeObject, warnings };
  }

  private assertSameIdentity(address: ObjectAddress, obj: KubeObject): void {
    if (obj.metadata.name !== undefined && obj.metadata.name !== address.name) {
      throw ApiError.badRequest(
        `the name of the object (${obj.metadata.name}) does not match the name on the URL (${address.name})`,
      );
    }
    obj.metadata.name = address.name;
    if (address.type.namespaced) {
      if (obj.metadata.namespace && obj.metadata.namespace !== address.namespace) {
        throw ApiError.badRequest(
          'the namespace of the provided object does not match the namespace sent on the request',
        );
      }
      obj.metadata.namespace = address.namespace;
    }
  }

  /**
   * After a write the store refused for an allocation: a value the user asked for is their
   * 422 (Kubernetes' "provided IP is already allocated"); a value the allocator picked was
   * taken by a concurrent write, so the caller plans again, a bounded number of times.
   */
  private rethrowUnlessPickLost(
    type: ResourceType,
    obj: KubeObject,
    plan: AllocationPlan | undefined,
    error: unknown,
    attempt: number,
  ): void {
    if (!(error instanceof AllocationConflictError)) throw error;
    const requested = plan?.requested.get(allocationKey(error.allocation));
    if (requested) this.assertValid(type, obj, [requested]);
    if (attempt >= MAX_UPDATE_ATTEMPTS)
      throw ApiError.internal(`could not allocate for ${type.kind} "${obj.metadata.name}": ${error.message}`);
  }

  private assertValid(type: ResourceType, obj: KubeObject, errors: FieldError[]): void {
    if (errors.length > 0) {
      throw ApiError.invalid(
        { kind: type.resource, kindName: type.kind, group: type.group, name: obj.metadata.name },
        errors,
      );
    }
  }

  /** Pods bound to a node wait for the node agent to stop them; everything else goes at once. */
  private gracePeriodFor(type: ResourceType, obj: KubeObject, options: DeleteOptions): number {
    if (type.group !== '' || type.kind !== 'Pod') return 0;
    const spec = obj.spec as { nodeName?: string; terminationGracePeriodSeconds?: number } | undefined;
    if (!spec?.nodeName) return 0;
    const phase = (obj.status as { phase?: string } | undefined)?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return 0;
    return Math.max(0, options.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 30);
  }

  /** Namespace writes reach admission at once, not only through its watch (NamespaceLifecycle.observe). */
  private written(type: ResourceType, obj: KubeObject, { deleted = false } = {}): KubeObject {
    if (storageNameOf(type) === 'namespaces') this.namespaces.observe(obj, deleted);
    return obj;
  }

  private strategyOf(type: ResourceType): ResourceStrategy {
    let strategy = this.strategies.get(type);
    if (!strategy) {
      strategy = strategyFor(type, this.settings);
      this.strategies.set(type, strategy);
    }
    return strategy;
  }
}

/** Subresources that write one part of the object: status, or a Namespace's spec.finalizers. */
export type WritableSubresource = 'status' | 'finalize';

/** A subresource write changes its own part only; everything else keeps its stored value. */
function subresourceWrite(subresource: WritableSubresource, requested: KubeObject, current: KubeObject): KubeObject {
  const next = structuredClone(current);
  if (subresource === 'status') {
    if (requested.status === undefined) delete next.status;
    else next.status = requested.status;
  } else {
    const finalizers = (requested.spec as { finalizers?: string[] } | undefined)?.finalizers ?? [];
    next.spec = { ...(next.spec as object), finalizers };
  }
  return next;
}

/** Fields of metadata that only the server sets: a client's update can never change them. */
function preserveSystemMetadata(next: KubeObject, current: KubeObject): void {
  const meta = next.metadata;
  const was = current.metadata;
  meta.uid = was.uid;
  meta.creationTimestamp = was.creationTimestamp;
  meta.generation = was.generation;
  if (meta.generation === undefined) delete meta.generation;
  for (const key of ['deletionTimestamp', 'deletionGracePeriodSeconds'] as const) {
    if (was[key] === undefined) delete meta[key];
    else (meta as Record<string, unknown>)[key] = was[key];
  }
}

/** Generation moves when anything outside metadata and status changes. */
function specChanged(next: KubeObject, current: KubeObject): boolean {
  const strip = ({ metadata: _m, status: _s, ...rest }: KubeObject) => rest;
  return !isDeepStrictEqual(strip(next), strip(current));
}

/** A deleting object whose last finalizer is gone is removed by the write that removed it. */
function isFinalized(type: ResourceType, obj: KubeObject): boolean {
  if (!obj.metadata.deletionTimestamp || (obj.metadata.finalizers?.length ?? 0) > 0) return false;
  if (hasSpecFinalizers(type, obj)) return false;
  // Pods are removed by their node agent once their containers are gone (a delete with grace 0).
  return !(type.group === '' && type.kind === 'Pod' && (obj.spec as { nodeName?: string } | undefined)?.nodeName);
}

/**
 * The garbage collector's finalizers after a DELETE with `policy`: Orphan and Foreground
 * each put theirs in place of the other's; an explicit Background removes both; no policy
 * keeps what is there (Background is every kind's default here, which needs no finalizer).
 */
function finalizersForPropagation(finalizers: string[] = [], policy: PropagationPolicy | undefined): string[] {
  if (policy === undefined) return finalizers;
  const others = finalizers.filter((f) => f !== ORPHAN_FINALIZER && f !== FOREGROUND_FINALIZER);
  if (policy === 'Orphan') return [...others, ORPHAN_FINALIZER];
  if (policy === 'Foreground') return [...others, FOREGROUND_FINALIZER];
  return others;
}

/** Namespaces also carry spec.finalizers, cleared through /finalize once their content is gone. */
function hasSpecFinalizers(type: ResourceType, obj: KubeObject): boolean {
  if (type.group !== '' || type.kind !== 'Namespace') return false;
  return ((obj.spec as { finalizers?: string[] } | undefined)?.finalizers?.length ?? 0) > 0;
}

function isReason(error: unknown, reason: string): boolean {
  return error instanceof ApiError && error.reason === reason;
}

function targetOf(address: ObjectAddress) {
  return { kind: address.type.resource, group: address.type.group, name: address.name };
}

function notFound(address: ObjectAddress): ApiError {
  return ApiError.notFound(targetOf(address));
}

function conflict(address: ObjectAddress): ApiError {
  return ApiError.conflict(
    targetOf(address),
    'the object has been modified; please apply your changes to the latest version and try again',
  );
}
