import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

const byRegistry = new WeakMap<Registry, DeliveryMetrics>();

type Pipeline = 'pipeline';

/**
 * Prometheus metrics of BulkDelivery and SearchConnection, labelled by pipeline (logs, metrics, events), on the
 * component's own registry. Use `for(registry)`: prom-client refuses a second metric of the
 * same name on one registry, and a process may run several deliveries.
 */
export class DeliveryMetrics {
  readonly delivered: Counter<Pipeline>;
  readonly duplicates: Counter<Pipeline>;
  readonly deadLettered: Counter<Pipeline>;
  readonly retried: Counter<Pipeline>;
  readonly bulkDuration: Histogram<Pipeline | 'outcome'>;
  readonly inFlight: Gauge<Pipeline>;
  readonly connected: Gauge<Pipeline>;

  static for(registry: Registry): DeliveryMetrics {
    let metrics = byRegistry.get(registry);
    if (!metrics) {
      metrics = new DeliveryMetrics(registry);
      byRegistry.set(registry, metrics);
    }
    return metrics;
  }

  private constructor(registry: Registry) {
    const registers = [registry];
    const labelNames = ['pipeline'] as const;
    this.delivered = new Counter({
      name: 'kubenest_search_documents_delivered_total',
      help: 'Documents the search engine accepted.',
      labelNames,
      registers,
    });
    this.duplicates = new Counter({
      name: 'kubenest_search_documents_duplicate_total',
      help: 'Documents already present (409 on create): delivered by an earlier attempt or before a restart.',
      labelNames,
      registers,
    });
    this.deadLettered = new Counter({
      name: 'kubenest_search_documents_dead_lettered_total',
      help: 'Documents rejected for good (e.g. mapping errors) and written to the dead-letter index instead.',
      labelNames,
      registers,
    });
    this.retried = new Counter({
      name: 'kubenest_search_documents_retried_total',
      help: 'Documents sent again after a retryable failure (429, 5xx, connection errors).',
      labelNames,
      registers,
    });
    this.bulkDuration = new Histogram({
      name: 'kubenest_search_bulk_request_duration_seconds',
      help: 'Bulk request latency by outcome: "ok" (answered, whatever the items said) or "error" (the request failed).',
      labelNames: ['pipeline', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    this.inFlight = new Gauge({
      name: 'kubenest_search_bulk_requests_in_flight',
      help: 'Bulk requests sent and not yet answered.',
      labelNames,
      registers,
    });
    this.connected = new Gauge({
      name: 'kubenest_search_connected',
      help: '1 once the search engine was reached and the index templates installed; 0 while connecting (shipping waits).',
      labelNames,
      registers,
    });
  }
}
