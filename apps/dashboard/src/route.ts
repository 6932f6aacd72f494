export type Route =
  | { view: 'overview' | 'nodes' | 'workloads' | 'pods' | 'services' | 'events' }
  | { view: 'logs'; namespace: string; pod: string }
  | { view: 'search'; query: string };

/** The view named by the location hash: `#/pods`, `#/logs/<namespace>/<pod>`, `#/search/<query>`. */
export function parseRoute(hash: string): Route {
  const [view, ...rest] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (view === 'search') return { view, query: rest.join('/') };
  if (view === 'logs' && rest.length === 2) return { view, namespace: rest[0], pod: rest[1] };
  if (view === 'nodes' || view === 'workloads' || view === 'pods' || view === 'services' || view === 'events')
    return { view };
  return { view: 'overview' };
}

/** The hash of a cluster-wide log search. */
export function searchHash(query: string): string {
  return `#/search/${encodeURIComponent(query)}`;
}
