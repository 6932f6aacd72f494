import { metricSum } from '../support/prometheus-text.js';

/** What a server process's /metrics (prom-client's defaults, plus the gateway's own) says about the load window. */
export interface ServerWindow {
  cpuSeconds: number;
  gcSeconds: number;
  eventLoopDelay: { p99: number; max: number };
  /** Batches the gateway fanned out and the seconds that took (zero for the apiserver). */
  fanouts: { count: number; seconds: number };
}

/**
 * Scrapes /metrics now and again when the returned function is called. prom-client's
 * event-loop figures come from a perf_hooks histogram (10 ms resolution) that it resets at
 * every scrape, so the second scrape covers exactly the window; counters are differenced.
 */
export async function serverWindow(scrape: () => Promise<string>): Promise<() => Promise<ServerWindow>> {
  const before = await scrape();
  return async () => {
    const after = await scrape();
    const delta = (name: string) => (metricSum(after, name) || 0) - (metricSum(before, name) || 0);
    return {
      cpuSeconds: delta('process_cpu_seconds_total'),
      gcSeconds: delta('nodejs_gc_duration_seconds_sum'),
      eventLoopDelay: {
        p99: metricSum(after, 'nodejs_eventloop_lag_p99_seconds') * 1000,
        max: metricSum(after, 'nodejs_eventloop_lag_max_seconds') * 1000,
      },
      fanouts: {
        count: delta('kubenest_gateway_fanout_seconds_count'),
        seconds: delta('kubenest_gateway_fanout_seconds_sum'),
      },
    };
  };
}
