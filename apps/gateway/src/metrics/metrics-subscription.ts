import { ApiError } from '#api';
import { errorBody } from '../session/error-body.js';
import type { MetricsRequest } from '../session/requests.js';
import type { SubscriberContext } from '../session/subscriber-context.js';
import type { Subscription } from '../session/subscription.js';
import type { ApiserverConnection } from '../upstream/apiserver-connection.js';

interface MetricsList {
  items?: unknown[];
}

/**
 * Node or pod usage samples, polled from metrics.k8s.io/v1beta1 (NodeMetrics, PodMetrics:
 * what `kubectl top` reads) every interval and sent as `metrics`. When the apiserver does not
 * serve that API the subscription ends with `subscription-error` 503 ServiceUnavailable.
 */
export class MetricsSubscription implements Subscription {
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    readonly id: string,
    private readonly request: MetricsRequest,
    private readonly ctx: SubscriberContext,
    private readonly apiserver: ApiserverConnection,
    private readonly intervalMs: number,
    private readonly onEnd: (id: string) => void,
  ) {}

  /** Polls for the first time right after the ack, then every interval. */
  start(): void {
    this.ctx.metrics.subscriptions.inc({ type: 'metrics', resource: this.request.kind });
    this.timer = setTimeout(() => void this.poll(), 0);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    this.ctx.metrics.subscriptions.dec({ type: 'metrics', resource: this.request.kind });
    this.onEnd(this.id);
  }

  overflowed(): void {}

  drained(): void {}

  private async poll(): Promise<void> {
    const { kind, namespace } = this.request;
    const scope = kind === 'pods' && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
    try {
      const list = await this.apiserver.json<MetricsList>({
        path: `/apis/metrics.k8s.io/v1beta1${scope}/${kind}`,
        token: this.ctx.token,
      });
      if (this.stopped) return;
      const payload = { id: this.id, timestamp: new Date().toISOString(), samples: list.items ?? [] };
      this.ctx.sendControl('metrics', payload);
    } catch (error) {
      if (this.stopped) return;
      const notServed = error instanceof ApiError && error.code === 404;
      const reported = notServed
        ? new ApiError(
            503,
            'ServiceUnavailable',
            'the metrics API (metrics.k8s.io/v1beta1) is not available in this cluster',
          )
        : error;
      this.ctx.sendControl('subscription-error', { id: this.id, error: errorBody(reported) });
      this.stop();
      return;
    }
    this.timer = setTimeout(() => void this.poll(), this.intervalMs);
  }
}
