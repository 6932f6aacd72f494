import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The apiserver's Prometheus metrics, named as kube-apiserver names them where there is a counterpart. */
export class RequestMetrics {
  readonly registry = new Registry();

  private readonly requests = new Counter({
    name: 'apiserver_request_total',
    help: 'Requests by verb, group, resource, subresource and HTTP code.',
    labelNames: ['verb', 'group', 'resource', 'subresource', 'code'] as const,
    registers: [this.registry],
  });

  private readonly latency = new Histogram({
    name: 'apiserver_request_duration_seconds',
    help: 'Response latency by verb, group, resource and subresource (watches excluded, as their length is the client choice).',
    labelNames: ['verb', 'group', 'resource', 'subresource'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  private readonly watchers = new Gauge({
    name: 'apiserver_registered_watchers',
    help: 'Open watch streams by group and resource.',
    labelNames: ['group', 'resource'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  observe(
    labels: { verb: string; group: string; resource: string; subresource: string },
    code: number,
    seconds: number,
  ): void {
    this.requests.inc({ ...labels, code: String(code) });
    if (labels.verb !== 'watch') this.latency.observe(labels, seconds);
  }

  watchOpened(group: string, resource: string): void {
    this.watchers.inc({ group, resource });
  }

  watchClosed(group: string, resource: string): void {
    this.watchers.dec({ group, resource });
  }
}
