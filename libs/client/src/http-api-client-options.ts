import type { ClientMetrics } from './client-metrics.js';

export interface HttpApiClientOptions {
  /** Upper bound of pooled connections; each open watch holds one for its lifetime. Default 32. */
  maxSockets?: number;
  /** Deadline of a non-watch request, from sending to the last byte of the response. Default 60 s. */
  requestTimeoutMs?: number;
  /** A watch event larger than this ends the watch with an error instead of growing memory. */
  maxWatchLineBytes?: number;
  userAgent?: string;
  metrics?: ClientMetrics;
}
