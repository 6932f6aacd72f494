import { setTimeout as sleep } from 'node:timers/promises';
import { register as defaultRegistry, type Registry } from 'prom-client';
import { backoffDelayMs, type BackoffPolicy } from './backoff.js';
import { createSink } from './create-sink.js';
import { DeliveryMetrics } from './delivery-metrics.js';
import {
  SinkRequestError,
  type BulkItem,
  type BulkItemResult,
  type EngineKind,
  type IndexTemplate,
  type SearchRequest,
  type SearchResponse,
  type SearchSink,
} from './sink.js';
import { toSinkRequestError } from './sink-errors.js';
import { basicAuth, readCa, type SinkOptions } from './sink-options.js';

/** What the connection tells the component's log: pino's Logger fits. */
export interface ConnectionLogger {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
}

export interface SearchConnectionOptions {
  sinkOptions: SinkOptions;
  /** Labels the kubenest_search_connected gauge: logs, metrics, events, search. */
  pipeline: string;
  /** Run once the engine answers, before anything is delivered: kubenest's index templates. Retried until it succeeds. */
  prepare: (sink: SearchSink) => Promise<void>;
  registry?: Registry;
  logger?: ConnectionLogger;
  /** Capped, jittered; by default from 1 s up to 60 s between attempts. */
  backoff?: BackoffPolicy;
  /** For tests: the backend factory, the jitter source and the wait between attempts. */
  createSink?: (options: SinkOptions) => Promise<SearchSink>;
  random?: () => number;
  wait?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export const CONNECT_BACKOFF: BackoffPolicy = { baseDelayMs: 1_000, maxDelayMs: 60_000 };

/**
 * A SearchSink that connects in the background, so no component needs its engine to start:
 * the engine is detected and `prepare` (the index templates) run, retried with capped,
 * jittered backoff until both succeed. Until then, bulk, putIndexTemplate and search fail
 * fast with a retryable SinkRequestError saying why, and `connected()` lets a delivery wait.
 * Each failure is logged when the kind of failure changes (unreachable, refused with a
 * status), not on every attempt; kubenest_search_connected{pipeline} is 1 once connected.
 */
export class SearchConnection implements SearchSink {
  private sink?: SearchSink;
  private lastFailure?: SinkRequestError;
  private readonly closing = new AbortController();
  private readonly ready: Promise<SearchSink>;

  constructor(private readonly options: SearchConnectionOptions) {
    // Settings that can never work are the operator's mistake: said at start, not retried.
    readCa(options.sinkOptions);
    basicAuth(options.sinkOptions);
    this.ready = this.connect();
    // Nobody may be waiting yet; a close() before connecting must not be an unhandled rejection.
    this.ready.catch(() => {});
  }

  /** The engine's kind once detected (or as configured). */
  get engine(): EngineKind {
    const engine = this.sink?.engine ?? this.options.sinkOptions.engine;
    if (!engine) throw this.notConnected();
    return engine;
  }

  get isConnected(): boolean {
    return this.sink !== undefined;
  }

  /** Resolves once connected and prepared; rejects when the signal aborts or the connection is closed. */
  async connected(signal?: AbortSignal): Promise<SearchSink> {
    if (this.sink) return this.sink;
    if (!signal) return this.ready;
    signal.throwIfAborted();
    let onAbort!: () => void;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([this.ready, aborted]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  async bulk(items: BulkItem[]): Promise<BulkItemResult[]> {
    return this.current().bulk(items);
  }

  async putIndexTemplate(name: string, template: IndexTemplate): Promise<void> {
    return this.current().putIndexTemplate(name, template);
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    return this.current().search(request);
  }

  async close(): Promise<void> {
    this.closing.abort(new Error('the search engine connection was closed'));
    await this.sink?.close();
  }

  private current(): SearchSink {
    if (!this.sink) throw this.notConnected();
    return this.sink;
  }

  private notConnected(): SinkRequestError {
    const why = this.lastFailure ? `: ${this.lastFailure.message}` : ' yet';
    return new SinkRequestError(
      `not connected to the search engine at ${this.options.sinkOptions.url}${why}`,
      undefined,
      true,
    );
  }

  private async connect(): Promise<SearchSink> {
    const { pipeline, logger } = this.options;
    const gauge = DeliveryMetrics.for(this.options.registry ?? defaultRegistry).connected;
    gauge.set({ pipeline }, 0);
    const backoff = this.options.backoff ?? CONNECT_BACKOFF;
    const random = this.options.random ?? Math.random;
    const wait = this.options.wait ?? ((ms, signal) => sleep(ms, undefined, { signal }));
    const signal = this.closing.signal;
    for (let attempt = 0; ; attempt++) {
      signal.throwIfAborted();
      const sink = await this.attempt().catch((error: unknown) => {
        const failure = toSinkRequestError(error, `connecting to the search engine at ${this.options.sinkOptions.url}`);
        if (kindOf(failure) !== (this.lastFailure && kindOf(this.lastFailure))) {
          logger?.warn(
            { pipeline, err: failure.message, attempt },
            'search engine not reachable; shipping waits and catches up, retrying with backoff',
          );
        }
        this.lastFailure = failure;
        return undefined;
      });
      if (sink) {
        if (signal.aborted) {
          await sink.close();
          signal.throwIfAborted();
        }
        this.sink = sink;
        gauge.set({ pipeline }, 1);
        logger?.info({ pipeline, engine: sink.engine, attempts: attempt + 1 }, 'search engine connected');
        return sink;
      }
      await wait(backoffDelayMs(attempt, backoff, undefined, random), signal);
    }
  }

  private async attempt(): Promise<SearchSink> {
    const sink = await (this.options.createSink ?? createSink)(this.options.sinkOptions);
    try {
      await this.options.prepare(sink);
      return sink;
    } catch (error) {
      await sink.close();
      throw error;
    }
  }
}

/** Failures of one kind (unreachable, or an answer with this status) are logged once in a row. */
function kindOf(failure: SinkRequestError): string {
  return failure.statusCode === undefined ? 'unreachable' : `HTTP ${failure.statusCode}`;
}
