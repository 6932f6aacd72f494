import type { LogSearchParams } from './log-query.js';
import { encodeRison } from './rison.js';

/** The data view of container logs (`logstash-*`) in config/kibana/saved-objects.ndjson. */
export const LOGS_DATA_VIEW_ID = 'kubenest-logs';

const FILTER_FIELDS = [
  ['namespace', 'kubernetes.namespace_name'],
  ['pod', 'kubernetes.pod_name'],
  ['container', 'kubernetes.container_name'],
] as const;

/** A Lucene phrase: the value quoted, with `"` and `\` escaped. */
function phrase(value: string): string {
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** The search as one Lucene query: the filters as field phrases, ANDed with the user's query. */
export function discoverQuery(params: LogSearchParams): string {
  const parts: string[] = [];
  for (const [field, target] of FILTER_FIELDS) {
    const value = params[field]?.trim();
    if (value) parts.push(`${target}:${phrase(value)}`);
  }
  const query = params.query.trim();
  if (query) parts.push(parts.length ? `(${query})` : query);
  return parts.join(' AND ');
}

/**
 * The same search in Kibana's Discover: `<base>/app/discover#/?_g=(time:...)&_a=(...)`, the
 * global state (`_g`: time range) and app state (`_a`: data view, Lucene query, columns,
 * newest first) in rison, as Discover's own "Share > Copy link" writes them.
 */
export function kibanaDiscoverUrl(base: string, params: LogSearchParams): string {
  const g = encodeRison({
    filters: [],
    refreshInterval: { pause: true, value: 0 },
    time: { from: params.sinceSeconds ? `now-${params.sinceSeconds}s` : 'now-15y', to: 'now' },
  });
  const a = encodeRison({
    columns: ['kubernetes.namespace_name', 'kubernetes.pod_name', 'kubernetes.container_name', 'stream', 'log'],
    filters: [],
    index: LOGS_DATA_VIEW_ID,
    interval: 'auto',
    query: { language: 'lucene', query: discoverQuery(params) },
    sort: [['@timestamp', 'desc']],
  });
  return `${base.replace(/\/+$/, '')}/app/discover#/?_g=${encodeURIComponent(g)}&_a=${encodeURIComponent(a)}`;
}
