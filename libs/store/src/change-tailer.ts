import type { Redis } from 'ioredis';
import { setTimeout as sleep } from 'node:timers/promises';
import { ChangeRecord } from './change-record.js';
import { StoreKeys } from './store-keys.js';
import type { StoreLogger } from './store-logger.js';

/** A receiver of live changes, in stream order. */
export interface ChangeSubscriber {
  onChange(change: ChangeRecord): void;
  /** The tailer found a hole in the stream (it fell behind trimming): history is lost. */
  onHistoryLost(oldestResourceVersion: number): void;
}

const READ_COUNT = 1000;
const RETRY_DELAY_MS = 500;

/**
 * The one loop per store that tails the change stream with a blocking XREAD on its own
 * connection and hands each parsed entry to every subscriber, so N watchers cost one
 * Redis reader and one parse per entry. Started by the first subscriber.
 */
export class ChangeTailer {
  private readonly subscribers = new Set<ChangeSubscriber>();
  private started?: Promise<void>;
  private connection?: Redis;
  /** resourceVersion of the last entry handed out; everything above it is still to come. */
  private position = 0;
  private closed = false;

  constructor(
    private readonly redis: Redis,
    private readonly logger: StoreLogger,
    private readonly blockMs = 5000,
  ) {}

  /** Adds a subscriber; resolves once the tailer knows its start position, so that a
   *  history read the subscriber starts afterwards reaches at least that position. */
  subscribe(subscriber: ChangeSubscriber): Promise<void> {
    if (this.closed) return Promise.reject(new Error('store is closed'));
    this.subscribers.add(subscriber);
    this.started ??= this.start().catch((err: unknown) => {
      this.started = undefined;
      throw err;
    });
    return this.started;
  }

  unsubscribe(subscriber: ChangeSubscriber): void {
    this.subscribers.delete(subscriber);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.subscribers.clear();
    // Disconnecting aborts the pending blocking XREAD at once.
    this.connection?.disconnect();
  }

  private async start(): Promise<void> {
    // Blocking reads on the shared connection would stall every other command behind them.
    if (!this.connection) {
      this.connection = this.redis.duplicate({ maxRetriesPerRequest: null, enableAutoPipelining: false });
      this.connection.on('error', (err: unknown) => this.logger.warn({ err }, 'change stream connection error'));
    }
    this.position = Number((await this.connection.get(StoreKeys.resourceVersion)) ?? 0);
    void this.loop();
  }

  private async loop(): Promise<void> {
    const connection = this.connection!;
    while (!this.closed) {
      let reply: unknown;
      try {
        reply = await connection.call(
          'XREAD',
          'COUNT',
          READ_COUNT,
          'BLOCK',
          this.blockMs,
          'STREAMS',
          StoreKeys.changes,
          String(this.position),
        );
      } catch (err) {
        if (this.closed) return;
        this.logger.warn({ err }, 'change stream read failed; retrying');
        await sleep(RETRY_DELAY_MS);
        continue;
      }
      if (!Array.isArray(reply)) continue; // BLOCK timed out
      const entries = (reply[0] as [string, unknown[]])[1];
      for (const entry of entries) this.dispatch(ChangeRecord.fromStreamEntry(entry));
    }
  }

  private dispatch(change: ChangeRecord): void {
    if (change.resourceVersion !== this.position + 1) {
      // IDs are gap-free, so a jump means entries were trimmed before we read them.
      this.logger.error(
        { from: this.position, to: change.resourceVersion },
        'change stream trimmed past the tailer; ending watches',
      );
      for (const subscriber of [...this.subscribers]) subscriber.onHistoryLost(change.resourceVersion - 1);
    }
    this.position = change.resourceVersion;
    for (const subscriber of this.subscribers) subscriber.onChange(change);
  }
}
