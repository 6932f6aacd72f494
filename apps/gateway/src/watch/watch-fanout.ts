import type { Histogram } from 'prom-client';
import { encodeEvent } from '../delivery/outbound-packet.js';
import type { Change, ClientEvent } from './change.js';
import type { SharedWatch } from './shared-watch.js';
import type { SubscriptionFilter } from './subscription-filter.js';
import type { WatchMember } from './watch-member.js';

/**
 * The live subscribers of one shared watch that use the same filter and the same
 * subscription id (every dashboard tab on "pods" in "default", say): the filter runs once
 * per change and each batch is encoded once for all of them. Batches leave at most once per
 * `intervalMs`; the first change after a quiet period leaves at once (on the next tick).
 */
export class WatchFanout {
  private readonly members = new Set<WatchMember>();
  private pending: ClientEvent[] = [];
  private pendingRv = '';
  private lastFlush = 0;
  private timer?: NodeJS.Timeout;
  private readonly unlisten: () => void;

  constructor(
    readonly shared: SharedWatch,
    readonly filter: SubscriptionFilter,
    readonly id: string,
    private readonly intervalMs: number,
    private readonly fanoutSeconds: Histogram,
    private readonly onEmpty: (fanout: WatchFanout) => void,
  ) {
    this.unlisten = shared.listen({ change: (change) => this.change(change), reset: () => this.reset() });
  }

  get size(): number {
    return this.members.size;
  }

  /**
   * Adds a member that has received everything up to the shared watch's current
   * resourceVersion. Pending changes (already in that state) go to the others first.
   */
  add(member: WatchMember): void {
    this.flush();
    this.members.add(member);
  }

  remove(member: WatchMember): void {
    if (!this.members.delete(member)) return;
    if (this.members.size === 0) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.pending = [];
      this.unlisten();
      this.onEmpty(this);
    }
  }

  private change(change: Change): void {
    const event = this.filter.eventFor(change);
    if (!event) return;
    this.pending.push(event);
    this.pendingRv = change.resourceVersion;
    if (this.timer) return;
    const wait = Math.max(0, this.lastFlush + this.intervalMs - Date.now());
    this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const events = this.pending;
    this.pending = [];
    this.lastFlush = Date.now();
    const timer = this.fanoutSeconds.startTimer();
    const packet = encodeEvent('changes', { id: this.id, resourceVersion: this.pendingRv, events });
    for (const member of [...this.members]) member.deliver(packet, events.length, this.pendingRv);
    timer();
  }

  private reset(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
    for (const member of [...this.members]) member.expired();
  }
}
