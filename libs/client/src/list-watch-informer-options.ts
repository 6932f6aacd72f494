import type { Logger } from 'pino';
import type { ClientMetrics } from './client-metrics.js';
import type { InformerScope } from './informer-scope.js';

export interface ListWatchInformerOptions extends InformerScope {
  /** Objects per list page. Default 500, as client-go's pager. */
  pageSize?: number;
  /** Each watch asks the server to end it after a random time in [min, 2*min] s. Default 300. */
  minWatchTimeoutSeconds?: number;
  /** First and largest retry delay after an error. Defaults 800 ms and 30 s, as client-go's reflector. */
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  metrics?: ClientMetrics;
  logger?: Logger;
}
