import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { ApiError, BUILTIN_RESOURCES, type KubeObject, type ResourceType } from '#api';
import { createLogger } from '#observability';
import type { ApiClient } from './api-client.js';
import type { EventRecorderOptions } from './event-recorder-options.js';
import type { EventType } from './event-type.js';
import { TokenBucket } from './token-bucket.js';

const EVENTS: ResourceType = BUILTIN_RESOURCES.find((t) => t.group === '' && t.resource === 'events')!;

/** One Event object in the store and the repeats it counts. */
interface Series {
  name: string;
  namespace: string;
  body: KubeObject;
  count: number;
  lastSeen: number;
  lastTimestamp: string;
  /** The count the apiserver has. */
  writtenCount: number;
  created: boolean;
  /** Writes of one series run one after another, so counts only grow. */
  tail: Promise<void>;
}

/**
 * client-go's record.EventRecorder, simplified: a v1 Event per (object, type, reason,
 * message); repeats within the dedupe window merge-patch count and lastTimestamp, which is
 * what `kubectl describe` shows as "x5 over 2m". Recording never blocks or throws: writes
 * run in the background, are retried a few times, then dropped and counted, because an
 * event is worth less than the reconcile that reports it.
 */
export class EventRecorder {
  private readonly series = new Map<string, Series>();
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly pending = new Set<Promise<void>>();
  private readonly log: Logger;
  private readonly now: () => number;
  private dropped = 0;

  constructor(
    private readonly client: ApiClient,
    private readonly options: EventRecorderOptions,
  ) {
    this.log = (options.logger ?? createLogger(options.component)).child({ recorder: options.component });
    this.now = options.now ?? Date.now;
  }

  /** Events not written: rate-limited, or failed after retries. */
  get droppedCount(): number {
    return this.dropped;
  }

  event(obj: KubeObject, type: EventType, reason: string, message: string): void {
    try {
      const now = this.now();
      if (!this.allow(obj, now)) {
        this.drop('rate-limited');
        return;
      }
      const series = this.seriesFor(obj, type, reason, message, now);
      series.count++;
      series.lastSeen = now;
      series.lastTimestamp = timestamp(now);
      const write = series.tail.then(() => this.write(series));
      series.tail = write;
      this.pending.add(write);
      void write.finally(() => this.pending.delete(write));
    } catch (error) {
      this.log.error({ err: error, reason }, 'could not record event');
      this.drop('failed');
    }
  }

  /** Resolves once every event recorded so far is written or dropped (for shutdown and tests). */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private allow(obj: KubeObject, now: number): boolean {
    const m = obj.metadata;
    const key = [obj.kind, obj.apiVersion, m.namespace, m.name, m.uid].join('\0');
    let bucket = this.buckets.get(key);
    if (bucket) this.buckets.delete(key);
    else bucket = new TokenBucket(this.options.spamBurst ?? 25, this.options.spamRefillMs ?? 300_000, now);
    this.remember(this.buckets, key, bucket);
    return bucket.tryTake(now);
  }

  private seriesFor(obj: KubeObject, type: EventType, reason: string, message: string, now: number): Series {
    const m = obj.metadata;
    const key = [m.uid || `${obj.kind}/${m.namespace}/${m.name}`, type, reason, message].join('\0');
    let series = this.series.get(key);
    this.series.delete(key);
    if (!series || now - series.lastSeen > (this.options.dedupeWindowMs ?? 600_000)) {
      series = this.newSeries(obj, type, reason, message, now);
    }
    this.remember(this.series, key, series);
    return series;
  }

  private newSeries(obj: KubeObject, type: EventType, reason: string, message: string, now: number): Series {
    const m = obj.metadata;
    const namespace = m.namespace || 'default';
    // Like client-go's "<name>.<UnixNano in hex>"; random low digits keep two processes apart.
    const nanos = BigInt(now) * 1_000_000n + BigInt(Math.floor(Math.random() * 1_000_000));
    const name = `${m.name}.${nanos.toString(16).padStart(16, '0')}`;
    const { component, host } = this.options;
    const body: KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: {
        kind: obj.kind,
        apiVersion: obj.apiVersion,
        name: m.name,
        ...(m.namespace ? { namespace: m.namespace } : {}),
        uid: m.uid,
        resourceVersion: m.resourceVersion,
      },
      reason,
      message,
      type,
      source: host ? { component, host } : { component },
      reportingComponent: component,
      reportingInstance: host ?? '',
      firstTimestamp: timestamp(now),
    };
    return {
      name,
      namespace,
      body,
      count: 0,
      lastSeen: now,
      lastTimestamp: '',
      writtenCount: 0,
      created: false,
      tail: Promise.resolve(),
    };
  }

  /** Brings the stored Event up to the series' count; never rejects. */
  private async write(series: Series): Promise<void> {
    const attempts = this.options.maxAttempts ?? 3;
    let failures = 0;
    // Repeats queued behind this write are carried by it: it writes the latest count.
    while (series.writtenCount !== series.count) {
      const count = series.count;
      try {
        if (series.created) {
          const patch = { count, lastTimestamp: series.lastTimestamp };
          await this.client.patch(EVENTS, series.namespace, series.name, patch, 'merge');
        } else {
          await this.client.create(EVENTS, { ...series.body, count, lastTimestamp: series.lastTimestamp });
          series.created = true;
        }
        series.writtenCount = count;
        failures = 0;
      } catch (error) {
        failures++;
        const reason = error instanceof ApiError ? error.reason : undefined;
        // An earlier try that timed out did create it, or the event TTL removed it meanwhile:
        // switch between create and patch and go again at once.
        const switched = (reason === 'AlreadyExists' && !series.created) || (reason === 'NotFound' && series.created);
        if (switched) series.created = !series.created;
        const permanent =
          !switched && error instanceof ApiError && error.code >= 400 && error.code < 500 && error.code !== 429;
        if (permanent || failures >= attempts) {
          this.log.warn({ err: error, event: series.name, count }, 'dropping event');
          this.drop('failed');
          return;
        }
        if (!switched) await sleep((this.options.retryDelayMs ?? 1000) * failures);
      }
    }
  }

  private drop(reason: 'rate-limited' | 'failed'): void {
    this.dropped++;
    this.options.metrics?.eventsDropped.inc({ reason });
  }

  /** Inserts as most recent and forgets the least recently used beyond the cache size. */
  private remember<V>(map: Map<string, V>, key: string, value: V): void {
    map.set(key, value);
    if (map.size > (this.options.cacheSize ?? 4096)) map.delete(map.keys().next().value!);
  }
}

/** RFC 3339 to the second, as metav1.Time serialises. */
function timestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
