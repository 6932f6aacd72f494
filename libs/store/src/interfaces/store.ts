import type { KubeObject } from '#api';
import type { Watch } from './watch.js';
import type { Allocation, AllocationChanges, AllocationOwner, AllocationRepair } from './allocation.js';

/** Decides whether an object belongs to a list or watch (label/field selectors). */
export type ObjectPredicate = (obj: KubeObject) => boolean;

export interface WriteOptions {
  /** The object expires this many seconds after the write (Kubernetes expires Events after 1h). */
  ttlSeconds?: number;
  /** Pool values taken and given back with this write; a claim held by another object fails it with AllocationConflictError. */
  allocations?: AllocationChanges;
}

export interface UpdateOptions extends WriteOptions {
  /** When set and different from the stored resourceVersion, the update fails with Conflict. */
  expectedResourceVersion?: string;
}

export interface DeleteOptions {
  expectedResourceVersion?: string;
  expectedUid?: string;
  /** Pool values the object held, given back with its deletion. */
  release?: Allocation[];
}

export interface ListOptions {
  namespace?: string;
  /** Maximum number of matching items in this page. */
  limit?: number;
  /** Token from the previous page's `continue`. */
  continue?: string;
  predicate?: ObjectPredicate;
}

export interface ListResult {
  items: KubeObject[];
  /** The first page's resourceVersion, on every page: watch from it to miss nothing. */
  resourceVersion: string;
  continue?: string;
  /** Keys left after this page; only without a predicate, as Kubernetes does. */
  remainingItemCount?: number;
}

export interface WatchOptions {
  namespace?: string;
  /** "" or undefined: current state then changes; "0": same; R: every change after R. */
  resourceVersion?: string;
  predicate?: ObjectPredicate;
  allowBookmarks?: boolean;
  /** true: initial ADDED events even from R, then a bookmark marking their end; false: none. */
  sendInitialEvents?: boolean;
  /** kind and apiVersion for BOOKMARK objects (the store knows only storage names). */
  objectType?: { apiVersion: string; kind: string };
}

/**
 * Kubernetes storage semantics: CRUD with resourceVersion-based optimistic concurrency,
 * ordered paginated lists and resumable watches. Returned objects are the caller's to
 * keep, except watch event objects, which are shared between watchers: copy before mutating.
 * create and update take ownership of the object they are given: what they return shares
 * its contents, so the caller must not change it afterwards.
 */
export interface Store {
  /** Stores a new object (namespace/name set by the caller); assigns its resourceVersion. */
  create(resource: string, obj: KubeObject, options?: WriteOptions): Promise<KubeObject>;
  get(resource: string, namespace: string, name: string): Promise<KubeObject | undefined>;
  update(resource: string, obj: KubeObject, options?: UpdateOptions): Promise<KubeObject>;
  /** Returns the deleted object carrying the deletion's resourceVersion. */
  delete(resource: string, namespace: string, name: string, options?: DeleteOptions): Promise<KubeObject>;
  list(resource: string, options?: ListOptions): Promise<ListResult>;
  /** resource undefined: every resource. Throws ApiError.badRequest for a malformed resourceVersion. */
  watch(resource: string | undefined, options?: WatchOptions): Watch;
  currentResourceVersion(): Promise<string>;
  /** The lowest free offset in [from, to] of a pool, or undefined when all are taken (a hint: claims decide). */
  firstFreeAllocation(pool: string, from: number, to: number): Promise<number | undefined>;
  /** Who holds an offset of a pool, if anyone. */
  allocationOwner(pool: string, offset: number): Promise<AllocationOwner | undefined>;
  /** Every held offset of a pool and its holder. */
  allocationOwners(pool: string): Promise<Map<number, AllocationOwner>>;
  /**
   * Claims (the object holds it) or releases (it does not) one pool value for the object
   * as it was read at `resourceVersion` ('' = read as absent); skipped ('changed') when the
   * object was written since. See scripts/repair-allocation.lua.
   */
  repairAllocation(
    allocation: Allocation,
    owner: AllocationOwner,
    action: 'claim' | 'release',
    resourceVersion: string,
  ): Promise<AllocationRepair>;
  close(): Promise<void>;
}
