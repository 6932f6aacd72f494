/** What the log search form asks for: LogQuery.spec minus paging. */
export interface LogSearchParams {
  /** Lucene query syntax, as in Kibana's Discover; empty: every line. */
  query: string;
  namespace?: string;
  pod?: string;
  container?: string;
  /** Only lines at most this many seconds old; undefined: any age. */
  sinceSeconds?: number;
}

/** One line of a LogQuery answer (status.entries). */
export interface LogSearchEntry {
  timestamp: string;
  namespace?: string;
  pod?: string;
  container?: string;
  stream?: string;
  log: string;
}

export const LOG_QUERY_API_VERSION = 'logging.kubenest.io/v1alpha1';
export const LOG_QUERY_PATH = '/apis/logging.kubenest.io/v1alpha1/logqueries';
/** Lines fetched per page; "Load more" asks for one more page, up to the API's cap. */
export const LOG_SEARCH_PAGE = 100;
export const MAX_LOG_SEARCH_LINES = 10_000;

export const SINCE_CHOICES: { label: string; seconds?: number }[] = [
  { label: 'Last 15 minutes', seconds: 15 * 60 },
  { label: 'Last hour', seconds: 3600 },
  { label: 'Last 24 hours', seconds: 86_400 },
  { label: 'Last 7 days', seconds: 7 * 86_400 },
  { label: 'Any time' },
];

/** The LogQuery to POST for the newest `limit` matching lines (empty fields left out). */
export function logQueryBody(params: LogSearchParams, limit: number) {
  const spec: Record<string, string | number> = { limit: Math.min(limit, MAX_LOG_SEARCH_LINES) };
  const query = params.query.trim();
  if (query) spec['query'] = query;
  for (const field of ['namespace', 'pod', 'container'] as const) {
    const value = params[field]?.trim();
    if (value) spec[field] = value;
  }
  if (params.sinceSeconds) spec['sinceSeconds'] = params.sinceSeconds;
  return { apiVersion: LOG_QUERY_API_VERSION, kind: 'LogQuery', spec };
}
