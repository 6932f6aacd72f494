import { Counter, Histogram, type Registry } from 'prom-client';

const byRegistry = new WeakMap<Registry, ClientMetrics>();

/**
 * Prometheus metrics of the API client, its informers and its event recorder, registered on
 * the component's own registry (each component serves its /metrics). Use `for(registry)`:
 * prom-client refuses a second metric of the same name on one registry, and a process may
 * hold several clients.
 */
export class ClientMetrics {
  readonly requests: Counter<'verb' | 'resource' | 'code'>;
  readonly requestDuration: Histogram<'verb' | 'resource'>;
  readonly watchRestarts: Counter<'resource' | 'cause'>;
  readonly relists: Counter<'resource'>;
  readonly eventsDropped: Counter<'reason'>;

  static for(registry: Registry): ClientMetrics {
    let metrics = byRegistry.get(registry);
    if (!metrics) {
      metrics = new ClientMetrics(registry);
      byRegistry.set(registry, metrics);
    }
    return metrics;
  }

  private constructor(registry: Registry) {
    const registers = [registry];
    this.requests = new Counter({
      name: 'kubenest_client_requests_total',
      help: 'Requests to the apiserver by verb, resource and HTTP code ("error" for network failures).',
      labelNames: ['verb', 'resource', 'code'],
      registers,
    });
    this.requestDuration = new Histogram({
      name: 'kubenest_client_request_duration_seconds',
      help: 'Latency of apiserver requests until the whole response is read (watches: until headers).',
      labelNames: ['verb', 'resource'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.watchRestarts = new Counter({
      name: 'kubenest_client_watch_restarts_total',
      help: 'Informer watches started again, by cause: "ended" (server timeout, normal), "error", "expired".',
      labelNames: ['resource', 'cause'],
      registers,
    });
    this.relists = new Counter({
      name: 'kubenest_client_relists_total',
      help: 'Informer lists after the first, each after the watch history no longer held its resourceVersion.',
      labelNames: ['resource'],
      registers,
    });
    this.eventsDropped = new Counter({
      name: 'kubenest_client_events_dropped_total',
      help: 'Events the recorder did not write: "rate-limited" by the per-object spam filter, or "failed" after retries.',
      labelNames: ['reason'],
      registers,
    });
  }
}
