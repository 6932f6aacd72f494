import type { Logger } from 'pino';
import type { Counter } from 'prom-client';
import type { BulkItem, Delivery } from '#search';

/**
 * Hands metric documents to a Delivery one batch at a time. While a delivery is under way
 * (the engine is slow or down and the Delivery retries), new samples wait in memory up to
 * `maxPending` documents; past that the oldest are dropped and counted: metrics are
 * periodic, so the newest matter most, and a dead engine must not grow the agent's memory.
 */
export class MetricsShipper {
  private pending: BulkItem[] = [];
  private inFlight?: Promise<void>;
  private readonly aborted = new AbortController();

  constructor(
    private readonly delivery: Delivery,
    private readonly logger: Logger,
    private readonly dropped: Pick<Counter, 'inc'>,
    private readonly maxPending = 50_000,
  ) {}

  ship(items: BulkItem[]): void {
    this.pending.push(...items);
    const excess = this.pending.length - this.maxPending;
    if (excess > 0) {
      this.pending.splice(0, excess);
      this.dropped.inc(excess);
    }
    this.inFlight ??= this.drain().finally(() => (this.inFlight = undefined));
  }

  /** Stops retrying; what is still pending is dropped (the next samples replace it). */
  async close(): Promise<void> {
    this.aborted.abort();
    await this.inFlight;
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0 && !this.aborted.signal.aborted) {
      const batch = this.pending;
      this.pending = [];
      try {
        const report = await this.delivery.deliver(batch, this.aborted.signal);
        if (report.deadLettered > 0) this.logger.warn(report, 'metric documents rejected by the engine');
      } catch (err) {
        if (!this.aborted.signal.aborted) this.logger.warn({ err }, 'metric delivery failed');
      }
    }
  }
}
