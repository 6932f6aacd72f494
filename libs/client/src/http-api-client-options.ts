import type { ClientMetrics } from './client-metrics.js';

export interface HttpApiClientOptions {
  /** Upper bound of pooled connections; each open watch holds one for its lifetime. Default 32. */
  maxSockets?: number;
  /**
   * How long a non-watch request may wait for the response's headers, and then for each next
   * part of its body, before it fails. Default 60 s.
   */
  requestTimeoutMs?: number;
  /** A watch event larger than this ends the watch with an error instead of growing memory. */
  maxWatchLineBytes?: number;
  userAgent?: string;
  metrics?: ClientMetrics;
}
