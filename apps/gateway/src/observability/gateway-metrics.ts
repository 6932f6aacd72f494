import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** The gateway's own Prometheus metrics (docs/gateway.md lists them). */
export class GatewayMetrics {
  readonly connections: Gauge;
  readonly subscriptions: Gauge<'type' | 'resource'>;
  readonly eventsSent: Counter<'resource'>;
  readonly messagesSent: Counter<'event'>;
  readonly resyncs: Counter<'reason'>;
  readonly droppedMessages: Counter;
  readonly bufferBytes: Gauge;
  readonly authFailures: Counter<'reason'>;
  readonly fanoutSeconds: Histogram;

  constructor(registry: Registry) {
    const registers = [registry];
    this.connections = new Gauge({
      name: 'kubenest_gateway_connections',
      help: 'Connected socket.io clients',
      registers,
    });
    this.subscriptions = new Gauge({
      name: 'kubenest_gateway_subscriptions',
      help: 'Active subscriptions by type (watch, logs, metrics) and resource',
      labelNames: ['type', 'resource'],
      registers,
    });
    this.eventsSent = new Counter({
      name: 'kubenest_gateway_watch_events_sent_total',
      help: 'Watch events (ADDED/MODIFIED/DELETED) handed to clients, counted per client',
      labelNames: ['resource'],
      registers,
    });
    this.messagesSent = new Counter({
      name: 'kubenest_gateway_messages_sent_total',
      help: 'Server messages handed to clients, by event name',
      labelNames: ['event'],
      registers,
    });
    this.resyncs = new Counter({
      name: 'kubenest_gateway_resyncs_total',
      help: 'resync signals sent, by reason (Expired, Overflow)',
      labelNames: ['reason'],
      registers,
    });
    this.droppedMessages = new Counter({
      name: 'kubenest_gateway_dropped_messages_total',
      help: 'Queued messages dropped because a client fell behind its buffer limits',
      registers,
    });
    this.bufferBytes = new Gauge({
      name: 'kubenest_gateway_client_buffer_bytes',
      help: 'Bytes queued for, or being written to, all clients',
      registers,
    });
    this.authFailures = new Counter({
      name: 'kubenest_gateway_auth_failures_total',
      help: 'Handshakes refused, by reason',
      labelNames: ['reason'],
      registers,
    });
    this.fanoutSeconds = new Histogram({
      name: 'kubenest_gateway_fanout_seconds',
      help: 'Time to hand one batch of changes to every socket of its fan-out group',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
      registers,
    });
  }
}
