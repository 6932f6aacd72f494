import type { ApiErrorBody, ChangesMessage, SyncMessage, WatchHandlers } from '../connection/protocol.js';
import type { KubeObject } from '../model/k8s-types.js';
import { FrameScheduler } from './frame-scheduler.js';
import { Listeners } from './listeners.js';

/**
 * The current objects of one watch, keyed by uid, kept up to date from `sync` and `changes`
 * messages. Messages are applied once per animation frame; `version` counts applied frames so
 * views can memoise derived lists on it.
 */
export class WatchCache<T extends KubeObject = KubeObject> implements WatchHandlers {
  readonly objects = new Map<string, T>();
  readonly listeners = new Listeners();
  version = 0;
  synced = false;
  /** Set between a `resync` and the fresh snapshot that follows it. */
  resyncing: string | undefined;
  /** Why the watch failed (e.g. 403 Forbidden), until the next snapshot. */
  failure: ApiErrorBody | undefined;
  private itemsCache: { version: number; items: T[] } | undefined;
  private readonly scheduler = new FrameScheduler(() => {
    this.version++;
    this.listeners.notify();
  });

  sync(message: SyncMessage): void {
    this.scheduler.enqueue(() => {
      this.objects.clear();
      for (const item of message.items as T[]) this.objects.set(item.metadata.uid, item);
      this.synced = true;
      this.resyncing = undefined;
      this.failure = undefined;
    });
  }

  changes(message: ChangesMessage): void {
    this.scheduler.enqueue(() => {
      for (const { type, object } of message.events) {
        if (type === 'DELETED') this.objects.delete(object.metadata.uid);
        else this.objects.set(object.metadata.uid, object as T);
      }
    });
  }

  resync(message: { reason: string }): void {
    this.scheduler.enqueue(() => (this.resyncing = message.reason));
  }

  error(error: ApiErrorBody): void {
    this.scheduler.enqueue(() => (this.failure = error));
  }

  /** All objects as an array, rebuilt only when something changed. */
  items(): T[] {
    if (this.itemsCache?.version !== this.version)
      this.itemsCache = { version: this.version, items: [...this.objects.values()] };
    return this.itemsCache.items;
  }
}
