import type { Logger } from 'pino';
import type { OutboxLimits } from '../delivery/client-outbox.js';
import type { GatewayMetrics } from '../observability/gateway-metrics.js';
import type { ApiserverConnection } from '../upstream/apiserver-connection.js';
import type { ResourceResolver } from '../upstream/resource-resolver.js';
import type { FanoutRegistry } from '../watch/fanout-registry.js';
import type { SharedWatchPool } from '../watch/shared-watch-pool.js';

/** Everything a client session needs, built once per gateway process. */
export interface SessionDependencies {
  apiserver: ApiserverConnection;
  resolver: ResourceResolver;
  pool: SharedWatchPool;
  fanouts: FanoutRegistry;
  metrics: GatewayMetrics;
  logger: Logger;
  limits: OutboxLimits;
  metricsIntervalMs: number;
}
