import { ApiError, type KubeObject, type WatchEvent } from '#api';
import type { ChangeRecord } from './change-record.js';
import type { ChangeSubscriber } from './change-tailer.js';
import type { Watch, WatchEndReason } from './interfaces/watch.js';
import { watchEventFor, type WatchScope } from './watch-event-for.js';

/** What a watch needs from its store. */
export interface WatchSource {
  subscribe(subscriber: ChangeSubscriber): Promise<void>;
  unsubscribe(subscriber: ChangeSubscriber): void;
  /** Up to `count` changes after `afterRv`, and the current resourceVersion, read atomically. */
  readChanges(afterRv: number, count: number): Promise<{ changes: ChangeRecord[]; currentRv: number }>;
  currentRv(): Promise<number>;
  /** Every object in scope at one resourceVersion. */
  snapshot(
    resource: string | undefined,
    namespace: string | undefined,
  ): Promise<{ items: KubeObject[]; resourceVersion: number }>;
}

export interface StoreWatchSettings {
  /** Events held for a consumer (and live changes held during catch-up) before the watch is closed. */
  bufferLimit: number;
  /** 0 disables bookmarks. */
  bookmarkIntervalMs: number;
  objectType?: { apiVersion: string; kind: string };
}

/** Where a watch starts: at a snapshot (initial ADDED events), or after a resourceVersion (default: the current one). */
export type WatchStart = { initialEvents: true; announceEnd: boolean } | { initialEvents: false; afterRv?: number };

const MAX_REPLAY_PAGE = 500;
const INITIAL_EVENTS_END = 'k8s.io/initial-events-end';

/**
 * One watcher. It subscribes to the live fan-out first (buffering), then replays history
 * from Redis in pages, then drains the buffer, skipping what the replay already covered:
 * the replay ends at or after the tailer's start, so there is no gap, and every change is
 * delivered at most once because delivery only moves `lastRv` forward.
 */
export class StoreWatch implements Watch, ChangeSubscriber {
  endReason: WatchEndReason | undefined;
  private queue: (WatchEvent | undefined)[] = [];
  private head = 0;
  private live = false;
  private pendingLive: ChangeRecord[] = [];
  /** Highest resourceVersion processed (delivered or filtered out). */
  private lastRv = 0;
  private wakeConsumer?: () => void;
  private wakeReplay?: () => void;
  private deliveredSinceTick = false;
  private bookmarkTimer?: NodeJS.Timeout;
  /** At most half the buffer, so a page fetched below the watermark always fits. */
  private readonly replayPage: number;

  constructor(
    private readonly source: WatchSource,
    private readonly scope: WatchScope,
    private readonly settings: StoreWatchSettings,
    private readonly onEnd: (watch: StoreWatch) => void,
  ) {
    this.replayPage = Math.max(1, Math.min(MAX_REPLAY_PAGE, Math.floor(settings.bufferLimit / 2)));
  }

  start(start: WatchStart): void {
    void this.run(start).catch((err: unknown) => this.fail(err));
  }

  stop(): void {
    this.queue = [];
    this.head = 0;
    this.end('stopped');
  }

  /** Ends the watch after the consumer has taken what is already queued. */
  end(reason: WatchEndReason, final?: WatchEvent): void {
    if (this.endReason !== undefined) return;
    this.endReason = reason;
    if (final) this.queue.push(final);
    this.pendingLive = [];
    clearInterval(this.bookmarkTimer);
    this.source.unsubscribe(this);
    this.onEnd(this);
    this.wakeReplay?.();
    this.wakeConsumer?.();
  }

  onChange(change: ChangeRecord): void {
    if (this.endReason !== undefined) return;
    if (this.live) return this.deliver(change);
    // Buffer only what this watcher may care about, without parsing the object.
    if (this.scope.resource !== undefined && change.resource !== this.scope.resource) return;
    if (this.scope.namespace !== undefined && change.namespace !== this.scope.namespace) return;
    this.pendingLive.push(change);
    if (this.pendingLive.length > this.settings.bufferLimit) this.end('overflow');
  }

  onHistoryLost(oldestResourceVersion: number): void {
    // A watch still replaying reads history itself and detects trimmed entries on its own.
    if (!this.live) return;
    this.end('expired', expiredEvent(this.lastRv, oldestResourceVersion));
  }

  [Symbol.asyncIterator](): AsyncIterator<WatchEvent> {
    return {
      next: () => this.next(),
      return: async () => {
        this.stop();
        return { done: true, value: undefined };
      },
    };
  }

  private async next(): Promise<IteratorResult<WatchEvent>> {
    for (;;) {
      if (this.head < this.queue.length) {
        const event = this.queue[this.head]!;
        this.queue[this.head++] = undefined;
        if (this.head > 1024 && this.head * 2 > this.queue.length) {
          this.queue = this.queue.slice(this.head);
          this.head = 0;
        }
        if (this.pending() < this.replayPage) this.wakeReplay?.();
        return { done: false, value: event };
      }
      if (this.endReason !== undefined) return { done: true, value: undefined };
      await new Promise<void>((resolve) => (this.wakeConsumer = resolve));
      this.wakeConsumer = undefined;
    }
  }

  private async run(start: WatchStart): Promise<void> {
    await this.source.subscribe(this);
    if (start.initialEvents) {
      const snapshot = await this.source.snapshot(this.scope.resource, this.scope.namespace);
      // Not capped: the snapshot is in memory already, and replay waits until it is drained.
      for (const object of snapshot.items) {
        if (!this.scope.predicate || this.scope.predicate(object)) this.queue.push({ type: 'ADDED', object });
      }
      this.wakeConsumer?.();
      this.lastRv = snapshot.resourceVersion;
      if (start.announceEnd && this.settings.bookmarkIntervalMs > 0) {
        this.enqueue(this.bookmark({ [INITIAL_EVENTS_END]: 'true' }));
      }
    } else {
      this.lastRv = start.afterRv ?? (await this.source.currentRv());
    }
    await this.replay();
    if (this.endReason !== undefined) return;
    this.live = true;
    const buffered = this.pendingLive;
    this.pendingLive = [];
    for (const change of buffered) this.deliver(change);
    if (this.settings.bookmarkIntervalMs > 0) {
      this.bookmarkTimer = setInterval(() => this.tick(), this.settings.bookmarkIntervalMs).unref();
    }
  }

  /** Reads history after lastRv until it has caught up with the end of the stream. */
  private async replay(): Promise<void> {
    while (this.endReason === undefined) {
      // Backpressure: fetch the next page only when the consumer has room for it, so that
      // replaying long history never overflows the buffer.
      while (this.pending() >= this.replayPage && this.endReason === undefined) {
        await new Promise<void>((resolve) => (this.wakeReplay = resolve));
        this.wakeReplay = undefined;
      }
      const { changes, currentRv } = await this.source.readChanges(this.lastRv, this.replayPage);
      if (changes.length === 0) {
        // Empty yet behind the counter: everything after lastRv was trimmed.
        if (currentRv > this.lastRv) this.end('expired', expiredEvent(this.lastRv, currentRv));
        return;
      }
      if (changes[0].resourceVersion !== this.lastRv + 1) {
        return this.end('expired', expiredEvent(this.lastRv, changes[0].resourceVersion - 1));
      }
      for (const change of changes) this.deliver(change);
    }
  }

  private deliver(change: ChangeRecord): void {
    if (change.resourceVersion <= this.lastRv || this.endReason !== undefined) return;
    this.lastRv = change.resourceVersion;
    const event = watchEventFor(change, this.scope);
    if (event) this.enqueue(event);
  }

  private enqueue(event: WatchEvent): void {
    this.queue.push(event);
    this.deliveredSinceTick = true;
    this.wakeConsumer?.();
    if (this.pending() > this.settings.bufferLimit) this.end('overflow');
  }

  private pending(): number {
    return this.queue.length - this.head;
  }

  /** A bookmark only when idle and drained: everything up to lastRv has then been taken. */
  private tick(): void {
    if (!this.deliveredSinceTick && this.pending() === 0 && this.lastRv > 0) this.enqueue(this.bookmark());
    this.deliveredSinceTick = false;
  }

  private bookmark(annotations?: Record<string, string>): WatchEvent {
    return {
      type: 'BOOKMARK',
      object: {
        ...this.settings.objectType,
        metadata: { resourceVersion: String(this.lastRv), ...(annotations ? { annotations } : {}) },
      },
    };
  }

  private fail(err: unknown): void {
    const status = err instanceof ApiError ? err.toStatus() : ApiError.internal(String(err)).toStatus();
    this.end(err instanceof ApiError && err.code === 410 ? 'expired' : 'error', {
      type: 'ERROR',
      object: status as unknown as KubeObject,
    });
  }
}

/** The ERROR event kube-apiserver sends for a watch from a compacted resourceVersion. */
function expiredEvent(requested: number, oldest: number): WatchEvent {
  return {
    type: 'ERROR',
    object: ApiError.gone(`too old resource version: ${requested} (${oldest})`).toStatus() as unknown as KubeObject,
  };
}
