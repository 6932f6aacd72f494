import { ApiError, type KubeObject, type Status } from '#api';
import { apiErrorFromStatus, compareResourceVersions, parseWatchStream } from '#client';
import { encodeEvent, type OutboundPacket } from '../delivery/outbound-packet.js';
import { errorBody } from '../session/error-body.js';
import type { SubscriberContext } from '../session/subscriber-context.js';
import type { Subscription } from '../session/subscription.js';
import type { ApiserverConnection } from '../upstream/apiserver-connection.js';
import { collectionPath, type ServedResource } from '../upstream/served-resource.js';
import type { ClientEvent } from './change.js';
import type { FanoutRegistry } from './fanout-registry.js';
import type { SharedWatch } from './shared-watch.js';
import type { SharedWatchPool } from './shared-watch-pool.js';
import type { SubscriptionFilter } from './subscription-filter.js';
import type { WatchFanout } from './watch-fanout.js';
import type { WatchMember } from './watch-member.js';

export interface WatchDependencies {
  apiserver: ApiserverConnection;
  pool: SharedWatchPool;
  fanouts: FanoutRegistry;
}

type State = 'attaching' | 'live' | 'catching-up' | 'overflowed' | 'stopped';

/**
 * One client's watch: `sync` then `changes` from the shared watch of its resource and
 * namespace, through the fan-out group of its filter. A resume from a resourceVersion the
 * shared window still covers is replayed from memory; an older one is served by a watch of
 * the client's own, from that resourceVersion, until the window covers where it has got to
 * (then it joins the shared stream), or until the apiserver answers 410 (`resync` Expired).
 */
export class WatchSubscription implements Subscription, WatchMember {
  private state: State = 'attaching';
  private shared?: SharedWatch;
  private fanout?: WatchFanout;
  private catchUp?: AbortController;
  /** The last resourceVersion this client has been sent. */
  private rv = '';

  constructor(
    readonly id: string,
    private readonly type: ServedResource,
    private readonly namespace: string | undefined,
    private readonly filter: SubscriptionFilter,
    private readonly ctx: SubscriberContext,
    private readonly deps: WatchDependencies,
  ) {}

  /** Sends the first `sync` (or the replay after `resourceVersion`); resolves with the resourceVersion it starts at. */
  async start(resourceVersion?: string): Promise<string> {
    this.ctx.metrics.subscriptions.inc({ type: 'watch', resource: this.type.resource });
    await this.attach(resourceVersion);
    return this.rv;
  }

  stop(): void {
    if (this.state === 'stopped') return;
    this.ctx.metrics.subscriptions.dec({ type: 'watch', resource: this.type.resource });
    this.detach();
    this.state = 'stopped';
    if (this.shared) this.deps.pool.release(this.shared);
    this.shared = undefined;
  }

  deliver(packet: OutboundPacket, count: number, resourceVersion: string): void {
    if (!this.ctx.outbox.push(packet)) return;
    this.rv = resourceVersion;
    this.ctx.metrics.eventsSent.inc({ resource: this.type.resource }, count);
  }

  expired(): void {
    this.resync('Expired');
    void this.attach(undefined).catch((error) => this.fail(error));
  }

  overflowed(): void {
    if (this.state === 'stopped' || this.state === 'overflowed') return;
    this.resync('Overflow');
    this.state = 'overflowed';
  }

  drained(): void {
    if (this.state !== 'overflowed') return;
    this.state = 'attaching';
    void this.attach(undefined).catch((error) => this.fail(error));
  }

  private async attach(from: string | undefined): Promise<void> {
    this.shared ??= await this.deps.pool.acquire(this.type, this.namespace);
    const shared = this.shared;
    if (this.state === 'stopped' || this.state === 'overflowed') return;
    const replay = from === undefined ? undefined : shared.changesAfter(from);
    // The window does not reach back that far, or the client is ahead of this instance's watch.
    if (from !== undefined && (!replay || compareResourceVersions(from, shared.resourceVersion()) > 0)) {
      this.state = 'catching-up';
      this.rv = from;
      void this.catchUpFrom(from).catch((error) => this.fail(error));
      return;
    }
    // From here on synchronous: nothing can change between the snapshot (or replay) and joining.
    this.fanout = this.deps.fanouts.fanoutFor(shared, this.filter, this.id);
    this.fanout.add(this);
    this.state = 'live';
    this.rv = shared.resourceVersion();
    if (replay) {
      const events = replay.map((change) => this.filter.eventFor(change)).filter((e) => e !== undefined);
      if (events.length > 0) this.sendChanges(events, this.rv, true);
    } else {
      const items = shared.snapshot().filter((obj) => this.filter.matches(obj));
      this.ctx.outbox.push(encodeEvent('sync', { id: this.id, resourceVersion: this.rv, items }), true);
      this.ctx.metrics.messagesSent.inc({ event: 'sync' });
    }
  }

  private async catchUpFrom(from: string): Promise<void> {
    const abort = (this.catchUp = new AbortController());
    const query = new URLSearchParams({ watch: 'true', allowWatchBookmarks: 'true', resourceVersion: from });
    if (this.filter.labelSelector) query.set('labelSelector', this.filter.labelSelector);
    if (this.filter.fieldSelector) query.set('fieldSelector', this.filter.fieldSelector);
    const path = `${collectionPath(this.type, this.namespace)}?${query}`;
    let last = from;
    let pending: ClientEvent[] = [];
    let scheduled: NodeJS.Immediate | undefined;
    const flush = () => {
      clearImmediate(scheduled);
      scheduled = undefined;
      if (pending.length > 0 && this.state === 'catching-up') this.sendChanges(pending, last, false);
      pending = [];
    };
    try {
      const response = await this.deps.apiserver.openOk({ path, token: this.ctx.token, signal: abort.signal });
      try {
        for await (const event of parseWatchStream<KubeObject>(response)) {
          if (event.type === 'ERROR') throw apiErrorFromStatus(event.object as unknown as Partial<Status>);
          const rv = event.object.metadata?.resourceVersion ?? last;
          if (event.type === 'ADDED' || event.type === 'MODIFIED' || event.type === 'DELETED') {
            pending.push({ type: event.type, object: event.object });
            scheduled ??= setImmediate(flush);
          }
          last = rv;
          if (this.covered(last)) break;
        }
      } finally {
        if (!response.complete) response.destroy();
      }
      flush();
    } catch (error) {
      if (abort.signal.aborted) return;
      if (error instanceof ApiError && error.code === 410) {
        this.resync('Expired');
        this.state = 'attaching';
        return this.attach(undefined);
      }
      throw error;
    } finally {
      if (this.catchUp === abort) this.catchUp = undefined;
    }
    if (this.state !== 'catching-up' || abort.signal.aborted) return;
    return this.attach(last);
  }

  /** Whether the shared window now holds everything after `rv`. */
  private covered(rv: string): boolean {
    const shared = this.shared;
    return (
      shared !== undefined &&
      shared.changesAfter(rv) !== undefined &&
      compareResourceVersions(rv, shared.resourceVersion()) <= 0
    );
  }

  private sendChanges(events: ClientEvent[], resourceVersion: string, force: boolean): void {
    if (!this.ctx.outbox.push(encodeEvent('changes', { id: this.id, resourceVersion, events }), force)) return;
    this.rv = resourceVersion;
    this.ctx.metrics.eventsSent.inc({ resource: this.type.resource }, events.length);
  }

  private resync(reason: 'Expired' | 'Overflow'): void {
    this.detach();
    this.ctx.sendControl('resync', { id: this.id, reason });
    this.ctx.metrics.resyncs.inc({ reason });
  }

  private detach(): void {
    this.catchUp?.abort();
    this.catchUp = undefined;
    this.fanout?.remove(this);
    this.fanout = undefined;
  }

  private fail(error: unknown): void {
    if (this.state === 'stopped') return;
    this.ctx.logger.warn({ err: error, id: this.id }, 'watch subscription failed');
    this.ctx.sendControl('subscription-error', { id: this.id, error: errorBody(error) });
    this.stop();
  }
}
