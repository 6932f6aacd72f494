import type { SearchHit, SearchRequest, SearchResponse } from './sink.js';

export const DEFAULT_SEARCH_SIZE = 100;
const NANOS_FORMAT = 'strict_date_optional_time_nanos';

/**
 * The search body for a SearchRequest: the user's Lucene query through query_string (what
 * Kibana's Discover runs in Lucene mode, with wildcards analyzed as Kibana does), exact
 * filters as term queries, a @timestamp range, newest first. Sort values come back as
 * nanosecond date strings (JavaScript numbers cannot carry epoch nanoseconds), with `_doc` as
 * the tie-breaker, so search_after pages neither skip nor repeat within an index.
 */
export function toSearchBody(request: SearchRequest): Record<string, unknown> {
  const must: unknown[] = [];
  const text = request.query?.trim();
  if (text && text !== '*') must.push({ query_string: { query: text, analyze_wildcard: true } });
  const filter: unknown[] = Object.entries(request.filters ?? {}).map(([field, value]) => ({
    term: { [field]: value },
  }));
  if (request.since || request.until) {
    filter.push({
      range: {
        '@timestamp': {
          ...(request.since ? { gte: request.since.toISOString() } : {}),
          ...(request.until ? { lte: request.until.toISOString() } : {}),
          format: 'strict_date_optional_time_nanos',
        },
      },
    });
  }
  const order = request.order ?? 'desc';
  return {
    query: { bool: { must: must.length ? must : [{ match_all: {} }], filter } },
    sort: [
      {
        '@timestamp': {
          order,
          // Logs are date_nanos, metrics and events date: one scale across a multi-index search.
          numeric_type: 'date_nanos',
          unmapped_type: 'date_nanos',
        },
      },
      { _doc: { order } },
    ],
    // The sort value of a date_nanos field is epoch nanoseconds, more than a JavaScript number
    // holds exactly; OpenSearch has no sort `format`, so the exact time comes from here (see toSearchResponse).
    docvalue_fields: [{ field: '@timestamp', format: NANOS_FORMAT }],
    size: request.size ?? DEFAULT_SEARCH_SIZE,
    track_total_hits: true,
    ...(request.searchAfter ? { search_after: request.searchAfter } : {}),
  };
}

interface RawHit {
  _index: string;
  _id: string;
  _source?: Record<string, unknown>;
  sort?: unknown[];
  fields?: Record<string, unknown[]>;
}

export function toSearchResponse(body: unknown): SearchResponse {
  const hits = (body as { hits?: { hits?: RawHit[]; total?: number | { value: number } } }).hits;
  const total = typeof hits?.total === 'number' ? hits.total : (hits?.total?.value ?? 0);
  return {
    total,
    hits: (hits?.hits ?? []).map((hit): SearchHit => ({
      index: hit._index,
      id: hit._id,
      source: hit._source ?? {},
      sort: exactSort(hit),
    })),
  };
}

/**
 * The hit's sort values with the timestamp as its exact date string: the engines parse a
 * string search_after value for a date field with the field's date format, to the nanosecond.
 */
function exactSort(hit: RawHit): unknown[] {
  const sort = hit.sort ?? [];
  const exact = hit.fields?.['@timestamp']?.[0];
  return typeof exact === 'string' && sort.length > 0 ? [exact, ...sort.slice(1)] : sort;
}
