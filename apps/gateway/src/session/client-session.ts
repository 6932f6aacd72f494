import { ApiError } from '#api';
import type { Logger } from 'pino';
import { ClientOutbox, type EngineConnection } from '../delivery/client-outbox.js';
import { encodeEvent } from '../delivery/outbound-packet.js';
import { LogSubscription } from '../logs/log-subscription.js';
import { MetricsSubscription } from '../metrics/metrics-subscription.js';
import { SubscriptionFilter } from '../watch/subscription-filter.js';
import { WatchSubscription } from '../watch/watch-subscription.js';
import { ack, type Ack } from './ack.js';
import { parseRequest } from './requests.js';
import type { SessionDependencies } from './session-dependencies.js';
import type { SubscriberContext } from './subscriber-context.js';
import type { Subscription } from './subscription.js';

/**
 * One connected socket: its subscriptions by client-chosen id, and the one bounded outbox all
 * of them write through. Handlers validate the payload, start the subscription and answer
 * with the protocol's ack.
 */
export class ClientSession implements SubscriberContext {
  readonly outbox: ClientOutbox;
  readonly metrics;
  readonly logger: Logger;
  private readonly subscriptions = new Map<string, Subscription>();

  constructor(
    connection: EngineConnection,
    readonly token: string,
    readonly username: string,
    private readonly deps: SessionDependencies,
  ) {
    this.metrics = deps.metrics;
    this.logger = deps.logger.child({ user: username });
    this.outbox = new ClientOutbox(connection, deps.limits, {
      bytesChanged: (delta) => deps.metrics.bufferBytes.inc(delta),
      overflow: (dropped) => {
        deps.metrics.droppedMessages.inc(dropped);
        this.logger.info({ dropped }, 'client fell behind its buffer limits; resyncing its subscriptions');
        for (const subscription of [...this.subscriptions.values()]) subscription.overflowed();
      },
      drained: () => {
        for (const subscription of [...this.subscriptions.values()]) subscription.drained();
      },
    });
  }

  sendControl(event: string, payload: unknown): void {
    this.outbox.push(encodeEvent(event, payload), true);
    this.metrics.messagesSent.inc({ event });
  }

  watch(payload: unknown): Promise<Ack> {
    return ack(async () => {
      const request = parseRequest('watch', payload);
      this.claim(request.id);
      const { resolver, ...deps } = this.deps;
      const type = await resolver.resolve(request);
      if (!type.verbs.includes('watch'))
        throw new ApiError(405, 'MethodNotAllowed', `${type.resource} cannot be watched`);
      const filter = new SubscriptionFilter(type.kind, request.labelSelector, request.fieldSelector);
      const subscription = new WatchSubscription(request.id, type, request.namespace, filter, this, deps);
      return this.run(subscription, async () => ({
        id: request.id,
        resourceVersion: await subscription.start(request.resourceVersion),
      }));
    });
  }

  logs(payload: unknown): Promise<Ack> {
    return ack(async () => {
      const request = parseRequest('logs', payload);
      this.claim(request.id);
      const subscription = new LogSubscription(request.id, request, this, this.deps.apiserver, (id) =>
        this.forget(id, subscription),
      );
      return this.run(subscription, async () => {
        await subscription.start();
        return { id: request.id };
      });
    });
  }

  metricsSamples(payload: unknown): Promise<Ack> {
    return ack(() => {
      const request = parseRequest('metrics', payload);
      this.claim(request.id);
      const { apiserver, metricsIntervalMs } = this.deps;
      const subscription = new MetricsSubscription(request.id, request, this, apiserver, metricsIntervalMs, (id) =>
        this.forget(id, subscription),
      );
      this.subscriptions.set(request.id, subscription);
      subscription.start();
      return { id: request.id };
    });
  }

  /** `unwatch` and `stop`: ending an id that is not running is not an error (it may have just ended). */
  stop(payload: unknown): Promise<Ack> {
    return ack(() => {
      const { id } = parseRequest('id', payload);
      const subscription = this.subscriptions.get(id);
      this.subscriptions.delete(id);
      subscription?.stop();
      return {};
    });
  }

  close(): void {
    for (const subscription of this.subscriptions.values()) subscription.stop();
    this.subscriptions.clear();
    this.outbox.close();
  }

  private claim(id: string): void {
    if (this.subscriptions.has(id))
      throw new ApiError(409, 'AlreadyExists', `subscription "${id}" already exists on this connection`);
  }

  /** Registers the subscription before it starts (so a disconnect meanwhile stops it) and drops it if starting fails. */
  private async run<T>(subscription: Subscription, start: () => Promise<T>): Promise<T> {
    this.subscriptions.set(subscription.id, subscription);
    try {
      return await start();
    } catch (error) {
      this.forget(subscription.id, subscription);
      subscription.stop();
      throw error;
    }
  }

  private forget(id: string, subscription: Subscription): void {
    if (this.subscriptions.get(id) === subscription) this.subscriptions.delete(id);
  }
}
