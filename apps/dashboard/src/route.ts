export type Route =
  | { view: 'overview' | 'nodes' | 'workloads' | 'pods' | 'services' | 'events' }
  | { view: 'logs'; namespace: string; pod: string };

/** The view named by the location hash: `#/pods`, `#/logs/<namespace>/<pod>`. */
export function parseRoute(hash: string): Route {
  const [view, ...rest] = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (view === 'logs' && rest.length === 2) return { view, namespace: rest[0], pod: rest[1] };
  if (view === 'nodes' || view === 'workloads' || view === 'pods' || view === 'services' || view === 'events')
    return { view };
  return { view: 'overview' };
}
