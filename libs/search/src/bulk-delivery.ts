import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { inspect } from 'node:util';
import { register as defaultRegistry, type Registry } from 'prom-client';
import { DEFAULT_BACKOFF, backoffDelayMs, type BackoffPolicy } from './backoff.js';
import { DeliveryMetrics } from './delivery-metrics.js';
import { DEFAULT_INDEX_NAMING, dailyIndexName } from './index-names.js';
import {
  SinkRequestError,
  type BulkItem,
  type BulkItemResult,
  type Delivery,
  type DeliveryReport,
  type SearchSink,
} from './sink.js';

export interface BulkDeliveryOptions {
  sink: SearchSink;
  /** Labels the metrics: logs, metrics, events. */
  pipeline: string;
  /** Dead letters go to `<prefix>-YYYY.MM.DD`; kubenest-deadletter by default. */
  deadLetterPrefix?: string;
  backoff?: BackoffPolicy;
  registry?: Registry;
  /** Told about each failed attempt before the wait, for the component's log. */
  onRetry?: (event: RetryEvent) => void;
  /** For tests: the clock of dead-letter names and timestamps, the jitter source, and the wait. */
  now?: () => Date;
  random?: () => number;
  wait?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface RetryEvent {
  attempt: number;
  delayMs: number;
  /** How many documents will be sent again. */
  documents: number;
  reason: string;
}

interface Pending {
  item: BulkItem;
  /** A dead letter, written in place of a document the engine rejected for good. */
  deadLetter: boolean;
}

/** Whole-request failures that a smaller request can get past: a poison document (400) or a body too large (413). */
const SPLITTABLE = new Set([400, 413]);

/**
 * Delivery over any SearchSink: sends a bulk, settles every item the engine answered for
 * good, and sends only the rest again after a backoff. Per item: 2xx delivered; 409 on create
 * a duplicate (an earlier attempt or a restart wrote it, so deterministic ids make this
 * exactly-once); 429 and 5xx retried; any other 4xx (mapping conflicts, a closed index)
 * replaced by a dead letter that records the reason, the original index and id, and the
 * document as a string, so it cannot be rejected again. A whole request rejected with 400/413
 * is split in halves until the poison document stands alone and is dead-lettered; other
 * whole-request failures (connection, 429 with Retry-After, 5xx, auth) are retried as they
 * are. Nothing is ever dropped: deliver() resolves when all items are settled and rejects
 * only when the signal aborts (between requests or during a wait; a request already sent
 * completes, bounded by the sink's request timeout).
 */
export class BulkDelivery implements Delivery {
  private readonly metrics: DeliveryMetrics;
  private readonly backoff: BackoffPolicy;
  private readonly deadLetterPrefix: string;
  private readonly now: () => Date;
  private readonly random: () => number;
  private readonly wait: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(private readonly options: BulkDeliveryOptions) {
    this.metrics = DeliveryMetrics.for(options.registry ?? defaultRegistry);
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.deadLetterPrefix = options.deadLetterPrefix ?? DEFAULT_INDEX_NAMING.deadLetter;
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
    this.wait = options.wait ?? ((ms, signal) => sleep(ms, undefined, { signal }));
  }

  async deliver(items: BulkItem[], signal?: AbortSignal): Promise<DeliveryReport> {
    const report: DeliveryReport = { delivered: 0, duplicates: 0, deadLettered: 0 };
    await this.settle(
      items.map((item) => ({ item, deadLetter: false })),
      report,
      signal,
    );
    return report;
  }

  private async settle(batch: Pending[], report: DeliveryReport, signal?: AbortSignal): Promise<void> {
    let pending = batch;
    let attempt = 0;
    while (pending.length > 0) {
      signal?.throwIfAborted();
      let results: BulkItemResult[];
      try {
        results = await this.send(pending);
      } catch (error) {
        const failure = asSinkError(error);
        if (isSplittable(failure)) {
          if (pending.length > 1) {
            const half = Math.ceil(pending.length / 2);
            await this.settle(pending.slice(0, half), report, signal);
            await this.settle(pending.slice(half), report, signal);
            return;
          }
          if (!pending[0].deadLetter) {
            pending = [this.deadLetterFor(pending[0].item, failure)];
            continue;
          }
          // A dead letter rejected whole: retried, as there is nowhere further to put it.
        }
        await this.retryAfter(attempt++, pending.length, failure, signal);
        continue;
      }

      const again: Pending[] = [];
      let firstFailure: BulkItemResult | undefined;
      let retried = 0;
      results.forEach((result, i) => {
        const entry = pending[i];
        if (result.status >= 200 && result.status < 300) {
          this.count(report, entry.deadLetter ? 'deadLettered' : 'delivered');
        } else if (result.status === 409 && entry.item.op === 'create') {
          this.count(report, entry.deadLetter ? 'deadLettered' : 'duplicates');
        } else if (isRetryableStatus(result.status) || entry.deadLetter) {
          // A dead letter that fails is retried: there is nowhere further to put it.
          again.push(entry);
          firstFailure ??= result;
          retried++;
        } else {
          again.push(this.deadLetterFor(entry.item, result));
        }
      });
      pending = again;
      if (firstFailure) {
        const reason = `${retried} of ${results.length} documents failed, e.g. ${describe(firstFailure)}`;
        await this.retryAfter(attempt++, retried, new SinkRequestError(reason, firstFailure.status, true), signal);
      }
    }
  }

  private async send(pending: Pending[]): Promise<BulkItemResult[]> {
    const labels = { pipeline: this.options.pipeline };
    const stopTimer = this.metrics.bulkDuration.startTimer(labels);
    this.metrics.inFlight.inc(labels);
    try {
      const results = await this.options.sink.bulk(pending.map((p) => p.item));
      stopTimer({ outcome: 'ok' });
      if (results.length !== pending.length) {
        throw new SinkRequestError(`the sink answered ${results.length} of ${pending.length} items`, undefined, true);
      }
      return results;
    } catch (error) {
      stopTimer({ outcome: 'error' });
      throw error;
    } finally {
      this.metrics.inFlight.dec(labels);
    }
  }

  private async retryAfter(attempt: number, documents: number, failure: SinkRequestError, signal?: AbortSignal) {
    const delayMs = backoffDelayMs(attempt, this.backoff, failure.retryAfterMs, this.random);
    this.metrics.retried.inc({ pipeline: this.options.pipeline }, documents);
    this.options.onRetry?.({ attempt, delayMs, documents, reason: failure.message });
    await this.wait(delayMs, signal);
  }

  private count(report: DeliveryReport, outcome: keyof DeliveryReport): void {
    report[outcome]++;
    const labels = { pipeline: this.options.pipeline };
    if (outcome === 'delivered') this.metrics.delivered.inc(labels);
    else if (outcome === 'duplicates') this.metrics.duplicates.inc(labels);
    else this.metrics.deadLettered.inc(labels);
  }

  /**
   * The dead letter of a rejected document. Its id derives from the original's, so writing it
   * twice (a retry, a restart) is a 409, counted once.
   */
  private deadLetterFor(item: BulkItem, failure: BulkItemResult | SinkRequestError): Pending {
    const now = this.now();
    const isItem = !(failure instanceof SinkRequestError);
    return {
      deadLetter: true,
      item: {
        index: dailyIndexName(this.deadLetterPrefix, now),
        id: createHash('sha256').update(`${item.index}\0${item.id}`).digest('hex'),
        op: 'create',
        document: {
          '@timestamp': now.toISOString(),
          status: isItem ? failure.status : failure.statusCode,
          error_type: isItem ? (failure.error?.type ?? 'unknown') : 'request_rejected',
          reason: isItem ? (failure.error?.reason ?? `HTTP ${failure.status}`) : failure.message,
          original_index: item.index,
          original_id: item.id,
          document: stringify(item.document),
        },
      },
    };
  }
}

function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}

function isSplittable(failure: SinkRequestError): boolean {
  if (failure.retryable) return false;
  // No status and not transient: the client could not even build the request (e.g. serialization).
  return failure.statusCode === undefined || SPLITTABLE.has(failure.statusCode);
}

function asSinkError(error: unknown): SinkRequestError {
  if (error instanceof SinkRequestError) return error;
  // A sink that broke its contract by throwing something else: treat it as transient.
  return new SinkRequestError(`bulk failed: ${(error as Error)?.message ?? String(error)}`, undefined, true);
}

function describe(result: BulkItemResult): string {
  return result.error ? `${result.status} ${result.error.type}: ${result.error.reason}` : String(result.status);
}

/** JSON when it can be; otherwise (BigInt, cycles) a faithful inspection, so nothing is lost. */
function stringify(document: unknown): string {
  try {
    return JSON.stringify(document);
  } catch {
    return inspect(document, { depth: null, breakLength: Infinity });
  }
}
