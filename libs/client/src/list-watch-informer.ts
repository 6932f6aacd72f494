import type { Logger } from 'pino';
import {
  ApiError,
  apiVersionOf,
  storageNameOf,
  type KubeObject,
  type ResourceType,
  type Status,
  type WatchEvent,
} from '#api';
import { createLogger } from '#observability';
import type { ApiClient } from './api-client.js';
import { apiErrorFromStatus } from './api-error-from-status.js';
import { Backoff } from './backoff.js';
import { compareResourceVersions } from './compare-resource-versions.js';
import type { Informer, InformerHandlers } from './informer.js';
import type { InformerScope } from './informer-scope.js';
import type { ListWatchInformerOptions } from './list-watch-informer-options.js';
import { ObjectCache } from './object-cache.js';

interface Waiter {
  rv: string;
  resolve(reached: boolean): void;
  timer: NodeJS.Timeout;
}

/** A watch that ends this soon after starting, having delivered nothing, counts as a failure. */
const MIN_HEALTHY_WATCH_MS = 1000;

/**
 * client-go's reflector + DeltaFIFO + indexer, folded into one loop:
 *
 *   list (pages of 500) -> replace cache -> watch from the list's rv -> apply events
 *        ^                                     |  stream ends (timeout): watch again from the last rv
 *        |                                     |  other error: back off, watch again from the last rv
 *        +------------- 410 Expired -----------+  (the server's history no longer reaches our rv)
 *
 * Handlers run synchronously, in event order, after the cache has changed, so a handler
 * that reads the cache sees the event it is handling. stop() then start() resumes from the
 * last resourceVersion with the cache kept (relisting only if the server says 410).
 */
export class ListWatchInformer<T extends KubeObject> implements Informer<T> {
  private readonly cache = new ObjectCache<T>();
  private readonly handlers: InformerHandlers<T>[] = [];
  private readonly waiters = new Set<Waiter>();
  private readonly scope: InformerScope;
  private readonly resourceLabel: string;
  private readonly log: Logger;
  private resourceVersion = '';
  private synced = false;
  private needsList = true;
  private lastListAt = 0;
  private abort?: AbortController;
  private firstSync = deferred();

  constructor(
    private readonly client: ApiClient,
    readonly type: ResourceType,
    private readonly options: ListWatchInformerOptions = {},
  ) {
    const { namespace, labelSelector, fieldSelector } = options;
    this.scope = { namespace, labelSelector, fieldSelector };
    this.resourceLabel = storageNameOf(type);
    this.log = (options.logger ?? createLogger('client')).child({ informer: this.resourceLabel, ...this.scope });
  }

  addHandlers(handlers: InformerHandlers<T>): void {
    this.handlers.push(handlers);
    // A handler added late (a second controller sharing this informer) still hears of every object.
    for (const obj of this.cache.list()) this.call(handlers, 'add', () => handlers.add?.(obj));
  }

  start(): Promise<void> {
    if (!this.abort) {
      const abort = (this.abort = new AbortController());
      void this.run(abort.signal);
    }
    return this.synced ? Promise.resolve() : this.firstSync.promise;
  }

  stop(): void {
    if (!this.abort) return;
    this.abort.abort();
    this.abort = undefined;
    for (const waiter of this.waiters) this.settle(waiter, false);
    if (!this.synced) {
      this.firstSync.reject(new Error(`informer for ${this.resourceLabel} stopped before it synced`));
      this.firstSync = deferred();
    }
  }

  hasSynced(): boolean {
    return this.synced;
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.cache.get(ObjectCache.keyOf(this.type.namespaced ? namespace : undefined, name));
  }

  list(namespace?: string): T[] {
    return this.cache.list(namespace);
  }

  lastResourceVersion(): string {
    return this.resourceVersion;
  }

  waitForResourceVersion(rv: string, timeoutMs: number): Promise<boolean> {
    if (compareResourceVersions(this.resourceVersion, rv) >= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter: Waiter = { rv, resolve, timer: setTimeout(() => this.settle(waiter, false), timeoutMs) };
      this.waiters.add(waiter);
    });
  }

  private async run(signal: AbortSignal): Promise<void> {
    const backoff = new Backoff(this.options.backoffInitialMs, this.options.backoffMaxMs);
    while (!signal.aborted) {
      let phase: 'list' | 'watch' = 'watch';
      try {
        if (this.needsList) {
          phase = 'list';
          await this.listAndReplace(signal);
          backoff.reset();
          phase = 'watch';
        }
        const started = Date.now();
        const received = await this.watchOnce(signal);
        if (signal.aborted) break;
        this.options.metrics?.watchRestarts.inc({ resource: this.resourceLabel, cause: 'ended' });
        if (received > 0 || Date.now() - started >= MIN_HEALTHY_WATCH_MS) backoff.reset();
        else await backoff.wait(signal); // ended at once with nothing: do not spin on a refusing server
      } catch (error) {
        if (signal.aborted) break;
        const expired = error instanceof ApiError && error.code === 410;
        this.options.metrics?.watchRestarts.inc({ resource: this.resourceLabel, cause: expired ? 'expired' : 'error' });
        if (expired) {
          this.needsList = true;
          this.log.info({ rv: this.resourceVersion, phase }, 'resourceVersion expired; relisting');
          // A relist that expires again at once means the history is shorter than our lag: slow down.
          if (phase === 'list' || Date.now() - this.lastListAt < MIN_HEALTHY_WATCH_MS) await backoff.wait(signal);
        } else {
          this.log.warn({ err: error, rv: this.resourceVersion, phase }, 'list/watch failed; retrying');
          await backoff.wait(signal);
        }
      }
    }
  }

  private async listAndReplace(signal: AbortSignal): Promise<void> {
    const items: T[] = [];
    let listRv: string | undefined;
    let token: string | undefined;
    do {
      const page = await this.client.list<T>(this.type, {
        ...this.scope,
        limit: this.options.pageSize ?? 500,
        continue: token,
      });
      if (signal.aborted) return;
      // Every page is read at the first page's snapshot; should a store hand out newer pages,
      // watching from the first rv replays rather than misses what changed in between.
      listRv ??= page.metadata.resourceVersion ?? '';
      for (const item of page.items) items.push(this.withTypeMeta(item));
      token = page.metadata.continue || undefined;
    } while (token);
    if (this.synced) this.options.metrics?.relists.inc({ resource: this.resourceLabel });
    this.replace(items, listRv ?? '');
    this.needsList = false;
    this.lastListAt = Date.now();
    if (!this.synced) {
      this.synced = true;
      this.firstSync.resolve();
    }
  }

  /** DeltaFIFO.Replace: emit only what differs between the cache and a fresh list. */
  private replace(items: T[], listRv: string): void {
    const seen = new Set<string>();
    for (const item of items) {
      const key = ObjectCache.keyOfObject(item);
      seen.add(key);
      const old = this.cache.set(item);
      if (!old) this.emit('add', (h) => h.add?.(item));
      else if (old.metadata.resourceVersion !== item.metadata.resourceVersion) {
        this.emit('update', (h) => h.update?.(old, item));
      }
    }
    for (const key of [...this.cache.keys()]) {
      if (seen.has(key)) continue;
      const gone = this.cache.delete(key)!;
      this.emit('delete', (h) => h.delete?.(gone));
    }
    this.advance(listRv);
  }

  /** Watches from the last rv until the stream ends; returns how many events it applied. */
  private async watchOnce(signal: AbortSignal): Promise<number> {
    const min = this.options.minWatchTimeoutSeconds ?? 300;
    const events = this.client.watch<T>(
      this.type,
      {
        ...this.scope,
        resourceVersion: this.resourceVersion,
        allowWatchBookmarks: true,
        timeoutSeconds: Math.round(min * (1 + Math.random())),
      },
      signal,
    );
    let received = 0;
    for await (const event of events) {
      if (signal.aborted) break;
      received++;
      this.apply(event);
    }
    return received;
  }

  private apply(event: WatchEvent<T>): void {
    switch (event.type) {
      case 'ADDED':
      case 'MODIFIED': {
        const obj = this.withTypeMeta(event.object);
        const old = this.cache.set(obj);
        if (old) this.emit('update', (h) => h.update?.(old, obj));
        else this.emit('add', (h) => h.add?.(obj));
        break;
      }
      case 'DELETED': {
        const obj = this.withTypeMeta(event.object);
        if (this.cache.delete(ObjectCache.keyOfObject(obj))) this.emit('delete', (h) => h.delete?.(obj));
        break;
      }
      case 'BOOKMARK':
        break;
      case 'ERROR':
        throw apiErrorFromStatus(event.object as unknown as Partial<Status>);
      default:
        this.log.warn({ type: event.type }, 'ignoring watch event of unknown type');
        return;
    }
    this.advance(event.object.metadata?.resourceVersion ?? '');
  }

  /** List items come without apiVersion/kind; handlers (and event recorders) want them. */
  private withTypeMeta(obj: T): T {
    if (!obj.apiVersion) obj.apiVersion = apiVersionOf(this.type);
    if (!obj.kind) obj.kind = this.type.kind;
    return obj;
  }

  private advance(rv: string): void {
    if (!rv || compareResourceVersions(rv, this.resourceVersion) <= 0) return;
    this.resourceVersion = rv;
    for (const waiter of this.waiters) {
      if (compareResourceVersions(rv, waiter.rv) >= 0) this.settle(waiter, true);
    }
  }

  private settle(waiter: Waiter, reached: boolean): void {
    clearTimeout(waiter.timer);
    this.waiters.delete(waiter);
    waiter.resolve(reached);
  }

  private emit(kind: keyof InformerHandlers<T>, invoke: (handlers: InformerHandlers<T>) => void): void {
    for (const handlers of this.handlers) this.call(handlers, kind, () => invoke(handlers));
  }

  /** A throwing handler is a bug in its controller; it must not stop the cache or other handlers. */
  private call(_handlers: InformerHandlers<T>, kind: string, invoke: () => void): void {
    try {
      invoke();
    } catch (error) {
      this.log.error({ err: error, handler: kind }, 'informer handler threw');
    }
  }
}

function deferred(): { promise: Promise<void>; resolve(): void; reject(error: Error): void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Nobody may be awaiting start() when stop() rejects it; that is not an unhandled failure.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
