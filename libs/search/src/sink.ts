/**
 * The one seam between kubenest's shippers (container logs, metrics, events) and a search
 * engine. Two backends implement it: Elasticsearch (@elastic/elasticsearch, the production
 * default) and OpenSearch (@opensearch-project/opensearch). Shippers never import a client
 * library; they build BulkItems and hand them to a BulkDelivery, which owns retries.
 */

/** One document to write. `id` is deterministic (derived from the source), so a retry or a restart never duplicates. */
export interface BulkItem {
  index: string;
  id: string;
  /** create: write once, 409 means already delivered (logs, metrics). index: overwrite (events, whose count grows). */
  op: 'create' | 'index';
  document: Record<string, unknown>;
}

/** The engine's answer for one item, in request order. */
export interface BulkItemResult {
  /** HTTP-style status: 2xx written, 409 exists, 400 rejected for good (mapping), 429/5xx retryable. */
  status: number;
  error?: { type: string; reason: string };
}

/** Thrown by a sink when the whole request failed; `retryable` says whether backing off and retrying can help. */
export class SinkRequestError extends Error {
  constructor(
    message: string,
    readonly statusCode: number | undefined,
    readonly retryable: boolean,
    /** From a Retry-After header, when the engine sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SinkRequestError';
  }
}

/** A composable index template: the index patterns it applies to and its mappings/settings as the engine takes them. */
export interface IndexTemplate {
  indexPatterns: string[];
  /** Higher wins when several templates match. */
  priority?: number;
  /** Create matching names as data streams instead of plain indices. */
  dataStream?: boolean;
  settings?: Record<string, unknown>;
  mappings: Record<string, unknown>;
}

export interface SearchRequest {
  /** An index name or pattern, e.g. `logstash-*`. */
  index: string;
  /** Lucene query syntax, as typed in Kibana's Discover (query_string). Empty or `*` matches all. */
  query?: string;
  /** Further exact filters, field -> value (term queries on keyword fields). */
  filters?: Record<string, string>;
  /** Inclusive lower/upper bounds on @timestamp. */
  since?: Date;
  until?: Date;
  size?: number;
  /** Sort on @timestamp; newest first by default. */
  order?: 'desc' | 'asc';
  /** Continue after the last hit's sort values (search_after), for paging and follow mode. */
  searchAfter?: unknown[];
}

export interface SearchHit {
  index: string;
  id: string;
  source: Record<string, unknown>;
  /** Opaque; pass as searchAfter to continue. */
  sort: unknown[];
}

export interface SearchResponse {
  hits: SearchHit[];
  /** Total matches, possibly a lower bound (track_total_hits). */
  total: number;
}

export type EngineKind = 'elasticsearch' | 'opensearch';

export interface SearchSink {
  readonly engine: EngineKind;
  /** Per-item results in request order; throws SinkRequestError when the request as a whole failed. */
  bulk(items: BulkItem[]): Promise<BulkItemResult[]>;
  /** Idempotent: installs or replaces the named template. */
  putIndexTemplate(name: string, template: IndexTemplate): Promise<void>;
  search(request: SearchRequest): Promise<SearchResponse>;
  close(): Promise<void>;
}

/** What one deliver() call achieved; every item ends in exactly one of these. */
export interface DeliveryReport {
  /** Written now. */
  delivered: number;
  /** Already present (409 on create): an earlier attempt or a restart wrote it. */
  duplicates: number;
  /** Rejected for good (e.g. a mapping error) and written to the dead-letter index with the reason. */
  deadLettered: number;
}

/**
 * Gets items into the engine exactly once. Resolves when every item is written, already
 * present or dead-lettered; retries only what failed retryably (429, 5xx, connection errors),
 * with exponential backoff and jitter, honouring Retry-After, until then. Rejects only when
 * the signal aborts, so a caller that owns a buffer keeps the items and tries again later.
 */
export interface Delivery {
  deliver(items: BulkItem[], signal?: AbortSignal): Promise<DeliveryReport>;
}
