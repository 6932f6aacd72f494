import type { Histogram } from 'prom-client';
import type { SharedWatch } from './shared-watch.js';
import type { SubscriptionFilter } from './subscription-filter.js';
import { WatchFanout } from './watch-fanout.js';

/** The fan-out group for (shared watch, filter, id), created on first use and forgotten when empty. */
export class FanoutRegistry {
  private readonly fanouts = new Map<string, WatchFanout>();

  constructor(
    private readonly intervalMs: number,
    private readonly fanoutSeconds: Histogram,
  ) {}

  fanoutFor(shared: SharedWatch, filter: SubscriptionFilter, id: string): WatchFanout {
    const key = JSON.stringify([
      shared.type.group,
      shared.type.resource,
      shared.namespace,
      filter.labelSelector,
      filter.fieldSelector,
      id,
    ]);
    let fanout = this.fanouts.get(key);
    // A shared watch stopped and started again is a new instance: its fan-outs start afresh.
    if (!fanout || fanout.shared !== shared) {
      fanout = new WatchFanout(shared, filter, id, this.intervalMs, this.fanoutSeconds, (empty) => {
        if (this.fanouts.get(key) === empty) this.fanouts.delete(key);
      });
      this.fanouts.set(key, fanout);
    }
    return fanout;
  }
}
