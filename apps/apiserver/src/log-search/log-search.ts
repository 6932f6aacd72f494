import { ApiError, type KubeObject } from '#api';
import { SinkRequestError, type SearchHit, type SearchSink } from '#search';
import { encodeCursor, parseLogQuerySpec } from './log-query-spec.js';
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
    const following = spec.after !== undefined;
    let hits: SearchHit[];
    let total: number;
    try {
      ({ hits, total } = await this.backend.sink.search({
        index: this.backend.logsIndexPattern,
        query: combineQueries(spec.query, selectorToLucene(spec.selector)),
        filters: spec.filters,
        since: spec.since,
        size: spec.limit,
        order: following ? 'asc' : 'desc',
        searchAfter: spec.after,
      }));
    } catch (error) {
      throw searchError(error);
    }
    const newest = following ? hits.at(-1) : hits[0];
    return {
      apiVersion: LOG_QUERY_API_VERSION,
      kind: 'LogQuery',
      metadata: { creationTimestamp: now.toISOString().replace(/\.\d+Z$/, 'Z') },
      spec: object.spec,
      status: {
        total,
        // Follow from here: the newest line answered, or the cursor given when nothing newer came.
        cursor: newest ? encodeCursor(newest.sort) : ((object.spec as { after?: string }).after ?? ''),
        entries: hits.map(entryOf),
      },
    } as KubeObject;
  }
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
