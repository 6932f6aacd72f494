import { Counter, Gauge, Histogram, exponentialBuckets, type Registry } from 'prom-client';

/**
 * client-go's workqueue metrics (k8s.io/component-base/metrics/prometheus/workqueue), one set
 * per registry, labelled by queue name. Depth is read from Redis at scrape time, so every
 * process reports the cluster-wide depth of the queues it runs.
 */
export class WorkQueueMetrics {
  private static readonly perRegistry = new WeakMap<Registry, WorkQueueMetrics>();

  readonly adds: Counter<'name'>;
  readonly queueDuration: Histogram<'name'>;
  readonly workDuration: Histogram<'name'>;
  readonly retries: Counter<'name'>;
  private readonly depthSources = new Map<string, () => Promise<number>>();

  static for(registry: Registry): WorkQueueMetrics {
    let metrics = WorkQueueMetrics.perRegistry.get(registry);
    if (!metrics) {
      metrics = new WorkQueueMetrics(registry);
      WorkQueueMetrics.perRegistry.set(registry, metrics);
    }
    return metrics;
  }

  private constructor(registry: Registry) {
    const registers = [registry];
    // client-go's buckets: 10 ns to 10 s, by factors of ten.
    const buckets = exponentialBuckets(1e-8, 10, 10);
    const sources = this.depthSources;
    new Gauge({
      name: 'workqueue_depth',
      help: 'Current depth of workqueue (keys ready to be processed)',
      labelNames: ['name'],
      registers,
      async collect() {
        await Promise.all(
          [...sources].map(async ([name, depth]) => {
            this.set({ name }, await depth().catch(() => Number.NaN));
          }),
        );
      },
    });
    this.adds = new Counter({
      name: 'workqueue_adds_total',
      help: 'Total number of adds handled by workqueue',
      labelNames: ['name'],
      registers,
    });
    this.queueDuration = new Histogram({
      name: 'workqueue_queue_duration_seconds',
      help: 'How long in seconds a key stays in workqueue before being requested',
      labelNames: ['name'],
      buckets,
      registers,
    });
    this.workDuration = new Histogram({
      name: 'workqueue_work_duration_seconds',
      help: 'How long in seconds processing a key from workqueue takes',
      labelNames: ['name'],
      buckets,
      registers,
    });
    this.retries = new Counter({
      name: 'workqueue_retries_total',
      help: 'Total number of retries handled by workqueue',
      labelNames: ['name'],
      registers,
    });
  }

  trackDepth(name: string, depth: () => Promise<number>): void {
    this.depthSources.set(name, depth);
  }

  untrackDepth(name: string): void {
    this.depthSources.delete(name);
  }
}
