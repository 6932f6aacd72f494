import type { Logger } from 'pino';
import type { ClientMetrics } from './client-metrics.js';

export interface EventRecorderOptions {
  /** source.component and reportingComponent: "deployment-controller", "kubelet", ... */
  component: string;
  /** source.host and reportingInstance (a node agent's node name). */
  host?: string;
  /** Repeats within this window patch one Event's count. Default 10 minutes, as client-go. */
  dedupeWindowMs?: number;
  /** Per-object spam filter: this many events at once... Default 25. */
  spamBurst?: number;
  /** ...then one per this interval. Default 300 000 ms: client-go's defaultSpamQPS is 1/300. */
  spamRefillMs?: number;
  /** Writes tried per event before it is dropped. Default 3. */
  maxAttempts?: number;
  /** Delay before the n-th retry is n times this. Default 1000 ms. */
  retryDelayMs?: number;
  /** Bound on remembered event series and per-object buckets (least recently used go first). Default 4096. */
  cacheSize?: number;
  now?: () => number;
  logger?: Logger;
  metrics?: ClientMetrics;
}
