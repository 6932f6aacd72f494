import type { KubeObject, ResourceType } from '#api';

export type InformerEvent = 'add' | 'update' | 'delete';

export interface InformerHandlers<T extends KubeObject> {
  add?(obj: T): void;
  update?(oldObj: T, newObj: T): void;
  /** For a deletion missed during a relist, `obj` is the last state the cache knew. */
  delete?(obj: T): void;
}

/**
 * A list+watch cache of one kind, like client-go's shared informer: lists, then watches
 * from the list's resourceVersion, relists on 410, and keeps its own resourceVersion so
 * that a caller can wait until the cache has seen a write it made (read-your-writes).
 * Cached objects are shared: never mutate them; copy first.
 */
export interface Informer<T extends KubeObject> {
  readonly type: ResourceType;
  addHandlers(handlers: InformerHandlers<T>): void;
  /** Resolves once the first list is in the cache. */
  start(): Promise<void>;
  stop(): void;
  hasSynced(): boolean;
  get(namespace: string | undefined, name: string): T | undefined;
  list(namespace?: string): T[];
  /** The resourceVersion of the newest event (or list) the cache reflects. */
  lastResourceVersion(): string;
  /** Resolves true once lastResourceVersion() >= rv, false after timeoutMs. */
  waitForResourceVersion(rv: string, timeoutMs: number): Promise<boolean>;
}
