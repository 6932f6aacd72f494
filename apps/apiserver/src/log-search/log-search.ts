import { isDeepStrictEqual } from 'node:util';
import { ApiError, type KubeObject } from '#api';
import { SinkRequestError, type SearchHit, type SearchSink } from '#search';
import { encodeCursor, parseLogQuerySpec, type FollowCursor } from './log-query-spec.js';
import { combineQueries, selectorToLucene } from './selector-to-lucene.js';

export const LOG_QUERY_API_VERSION = 'logging.kubenest.io/v1alpha1';

/** Where container logs are searched: a sink and the index pattern of the log indices (`logstash-*`). */
export interface LogSearchBackend {
  sink: SearchSink;
  logsIndexPattern: string;
}

/** One log line of an answer, named as `kubectl logs` users think of it. */
export interface LogEntry {
  timestamp: string;
  namespace?: string;
  pod?: string;
  container?: string;
  stream?: string;
  log: string;
}

/**
 * POST /apis/logging.kubenest.io/v1alpha1/logqueries: a LogQuery is created, not stored, like
 * a TokenReview: the answer is the object with its status filled with the matching lines.
 * Lines are newest first; with spec.after, the lines after that cursor, oldest first.
 */
export class LogSearch {
  constructor(private readonly backend: LogSearchBackend | undefined) {}

  async create(body: unknown, now = new Date()): Promise<KubeObject> {
    const object = (body ?? {}) as { apiVersion?: string; kind?: string; spec?: unknown };
    if (object.kind !== 'LogQuery' || object.apiVersion !== LOG_QUERY_API_VERSION) {
      throw ApiError.badRequest(`the body must be a LogQuery of ${LOG_QUERY_API_VERSION}`);
    }
    const spec = parseLogQuerySpec(object.spec, now);
    if (!this.backend) {
      throw new ApiError(
        503,
        'ServiceUnavailable',
        'log search needs a search engine: start kubenest with ELASTICSEARCH_URL (or OPENSEARCH_URL) set',
      );
    }
    const after = spec.after;
    let hits: SearchHit[];
    let total: number;
    try {
      ({ hits, total } = await this.backend.sink.search({
        index: this.backend.logsIndexPattern,
        query: combineQueries(spec.query, selectorToLucene(spec.selector)),
        filters: spec.filters,
        since: spec.since,
        // Following: from the cursor's timestamp inclusive, oldest first, with room for the lines already given.
        size: spec.limit + (after?.ids.length ?? 0),
        order: after ? 'asc' : 'desc',
        searchAfter: after && [after.timestamp, -1],
      }));
    } catch (error) {
      throw searchError(error);
    }
    if (after) {
      const given = new Set(after.ids);
      hits = hits.filter((hit) => !given.has(hit.id)).slice(0, spec.limit);
    } else {
      hits = hits.slice(0, spec.limit);
    }
    const cursor = nextCursor(hits, after);
    return {
      apiVersion: LOG_QUERY_API_VERSION,
      kind: 'LogQuery',
      metadata: { creationTimestamp: now.toISOString().replace(/\.\d+Z$/, 'Z') },
      spec: object.spec,
      status: {
        total,
        // Follow from here: after the newest line answered, or where the given cursor was when nothing newer came.
        cursor: cursor ? encodeCursor(cursor) : '',
        entries: hits.map(entryOf),
      },
    } as KubeObject;
  }
}

/** The newest timestamp among the hits (or the cursor's), with every id given at exactly that timestamp. */
function nextCursor(hits: SearchHit[], previous: FollowCursor | undefined): FollowCursor | undefined {
  if (hits.length === 0) return previous;
  const newest = previous ? hits[hits.length - 1] : hits[0];
  const timestamp = newest.sort[0];
  const ids = hits.filter((hit) => isDeepStrictEqual(hit.sort[0], timestamp)).map((hit) => hit.id);
  const carried = previous && isDeepStrictEqual(previous.timestamp, timestamp) ? previous.ids : [];
  return { timestamp, ids: [...new Set([...carried, ...ids])] };
}

function entryOf(hit: SearchHit): LogEntry {
  const source = hit.source as {
    '@timestamp'?: string;
    log?: string;
    message?: string;
    stream?: string;
    kubernetes?: { namespace_name?: string; pod_name?: string; container_name?: string };
  };
  return {
    timestamp: source['@timestamp'] ?? '',
    namespace: source.kubernetes?.namespace_name,
    pod: source.kubernetes?.pod_name,
    container: source.kubernetes?.container_name,
    stream: source.stream,
    log: source.log ?? source.message ?? '',
  };
}

/** The engine refusing the query (a Lucene syntax error) is the client's 400; anything else is the engine's fault. */
function searchError(error: unknown): ApiError {
  if (error instanceof SinkRequestError && error.statusCode === 400) {
    const reason = /HTTP 400: (.*)$/s.exec(error.message)?.[1] ?? error.message;
    return ApiError.badRequest(`invalid log query: ${reason}`);
  }
  return new ApiError(503, 'ServiceUnavailable', `the search engine did not answer: ${(error as Error).message}`);
}
