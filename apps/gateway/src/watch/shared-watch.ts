import type { Logger } from 'pino';
import { apiVersionOf, type KubeList, type KubeObject, type Status, type WatchEvent } from '#api';
import { apiErrorFromStatus, Backoff, compareResourceVersions, parseWatchStream } from '#client';
import type { ApiserverConnection } from '../upstream/apiserver-connection.js';
import { collectionPath, type ServedResource } from '../upstream/served-resource.js';
import type { Change } from './change.js';

export interface SharedWatchListener {
  /** Called synchronously for every change, in resourceVersion order. */
  change(change: Change): void;
  /** The upstream history no longer reached our resourceVersion: a gap, every client resyncs. */
  reset(): void;
}

export interface SharedWatchOptions {
  /** How many recent changes are kept for clients resuming from a resourceVersion. */
  replayEvents: number;
  logger: Logger;
}

/** A watch that ends this soon, having delivered nothing, counts as a failure (backoff). */
const MIN_HEALTHY_WATCH_MS = 1000;

/**
 * One upstream list+watch of a resource in one namespace scope (or all namespaces), shared by
 * every subscription of every client of this gateway on it. It keeps the current objects
 * (for `sync` snapshots) and a bounded window of recent changes (for resumes): a client whose
 * resourceVersion is at or after `windowStart()` is replayed from memory; an older one needs
 * its own upstream watch (see WatchSubscription).
 */
export class SharedWatch {
  private readonly objects = new Map<string, KubeObject>();
  private readonly listeners = new Set<SharedWatchListener>();
  private window: Change[] = [];
  /** Every change after this resourceVersion is in `window`. */
  private start = '';
  private current = '';
  private abort?: AbortController;
  private readonly synced: Promise<void>;
  private markSynced!: () => void;
  private failSync!: (error: Error) => void;

  constructor(
    private readonly apiserver: ApiserverConnection,
    readonly type: ServedResource,
    readonly namespace: string | undefined,
    private readonly options: SharedWatchOptions,
  ) {
    this.synced = new Promise((resolve, reject) => {
      this.markSynced = resolve;
      this.failSync = reject;
    });
    this.synced.catch(() => undefined);
  }

  /** Starts listing and watching; resolves once the first list is in memory (rejects if it fails). */
  run(): Promise<void> {
    if (!this.abort) {
      this.abort = new AbortController();
      void this.loop(this.abort.signal);
    }
    return this.synced;
  }

  stop(): void {
    this.abort?.abort();
    this.failSync(new Error(`watch of ${this.type.resource} stopped`));
  }

  listen(listener: SharedWatchListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  resourceVersion(): string {
    return this.current;
  }

  windowStart(): string {
    return this.start;
  }

  snapshot(): KubeObject[] {
    return [...this.objects.values()];
  }

  /** Changes after `rv`, or undefined when the window no longer reaches back to it. */
  changesAfter(rv: string): Change[] | undefined {
    if (compareResourceVersions(rv, this.start) < 0) return undefined;
    // The window is in resourceVersion order: binary search for the first newer change.
    let low = 0;
    let high = this.window.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (compareResourceVersions(this.window[mid].resourceVersion, rv) <= 0) low = mid + 1;
      else high = mid;
    }
    return this.window.slice(low);
  }

  private async loop(signal: AbortSignal): Promise<void> {
    const backoff = new Backoff();
    let needsList = true;
    let listedOnce = false;
    const log = this.options.logger.child({ resource: this.type.resource, namespace: this.namespace });
    while (!signal.aborted) {
      try {
        if (needsList) {
          await this.list(signal, listedOnce);
          if (!listedOnce) this.markSynced();
          listedOnce = true;
          needsList = false;
        }
        const started = Date.now();
        const received = await this.watch(signal);
        if (received === 0 && Date.now() - started < MIN_HEALTHY_WATCH_MS) await backoff.wait(signal);
        else backoff.reset();
      } catch (error) {
        if (signal.aborted) break;
        if ((error as { code?: number }).code === 410) {
          log.info({ rv: this.current }, 'resourceVersion expired upstream; relisting');
          needsList = true;
        } else {
          log.warn({ err: error, rv: this.current }, 'upstream list/watch failed; retrying');
          if (!listedOnce) {
            this.failSync(error as Error);
            return;
          }
        }
        await backoff.wait(signal);
      }
    }
  }

  private async list(signal: AbortSignal, relist: boolean): Promise<void> {
    const list = await this.apiserver.json<KubeList>({ path: collectionPath(this.type, this.namespace), signal });
    this.objects.clear();
    const apiVersion = apiVersionOf(this.type);
    for (const item of list.items) {
      // List items come without apiVersion/kind; watch events and clients want them.
      item.apiVersion ??= apiVersion;
      item.kind ??= this.type.kind;
      this.objects.set(keyOf(item), item);
    }
    this.current = this.start = list.metadata.resourceVersion ?? '';
    this.window = [];
    if (relist) for (const listener of [...this.listeners]) listener.reset();
  }

  private async watch(signal: AbortSignal): Promise<number> {
    const path = `${collectionPath(this.type, this.namespace)}?watch=true&allowWatchBookmarks=true&resourceVersion=${this.current}&timeoutSeconds=${Math.round(300 * (1 + Math.random()))}`;
    const response = await this.apiserver.openOk({ path, signal });
    let received = 0;
    try {
      for await (const event of parseWatchStream<KubeObject>(response)) {
        received++;
        this.apply(event);
      }
    } finally {
      if (!response.complete) response.destroy();
    }
    return received;
  }

  private apply(event: WatchEvent<KubeObject>): void {
    const rv = event.object.metadata?.resourceVersion ?? '';
    if (event.type === 'ERROR') throw apiErrorFromStatus(event.object as unknown as Partial<Status>);
    if (event.type === 'BOOKMARK') {
      // Nothing happened up to the bookmark: the window covers that range too.
      if (this.window.length === 0) this.start = rv;
      this.current = rv;
      return;
    }
    if (event.type !== 'ADDED' && event.type !== 'MODIFIED' && event.type !== 'DELETED') return;
    const key = keyOf(event.object);
    const previous = this.objects.get(key);
    if (event.type === 'DELETED') this.objects.delete(key);
    else this.objects.set(key, event.object);
    const change: Change = { type: event.type, object: event.object, previous, resourceVersion: rv };
    this.current = rv;
    this.window.push(change);
    if (this.window.length > this.options.replayEvents) {
      // Trim in chunks: one splice per many events instead of a shift per event.
      const dropped = this.window.splice(0, Math.max(1, this.options.replayEvents >> 4));
      this.start = dropped[dropped.length - 1].resourceVersion;
    }
    for (const listener of this.listeners) listener.change(change);
  }
}

function keyOf(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
}
