import { io, type Socket } from 'socket.io-client';
import { STALE_AFTER_MS, type ConnectionState } from './connection-state.js';
import type {
  Ack,
  ChangesMessage,
  LogEndMessage,
  LogMessage,
  LogsRequest,
  MetricsMessage,
  MetricsRequest,
  LogHandlers,
  MetricsHandlers,
  WatchHandlers,
  ResyncMessage,
  SubscriptionErrorMessage,
  SyncMessage,
  WatchRequest,
} from './protocol.js';

const ACK_TIMEOUT_MS = 15_000;
/** A metrics stream the gateway ended with an error (apiserver or node agent unreachable) is asked for again after this long. */
export const METRICS_RETRY_MS = 15_000;

type Subscription =
  | { kind: 'watch'; request: WatchRequest; handlers: WatchHandlers }
  | { kind: 'logs'; request: LogsRequest; handlers: LogHandlers }
  | { kind: 'metrics'; request: MetricsRequest; handlers: MetricsHandlers };

/**
 * One socket per tab, every view multiplexed over it as subscriptions. Subscriptions outlive
 * the socket's connections: after a reconnect each watch is requested again from the last
 * resourceVersion it saw (so nothing is missed or repeated), and logs and metrics streams
 * are requested again. Requests are only sent while connected: socket.io would otherwise
 * buffer them and send them again beside the re-subscription.
 */
export class GatewayClient {
  readonly socket: Socket;
  state: ConnectionState = 'connecting';
  /** Why the gateway refused the token, when state is 'unauthorized'. */
  refusal = '';
  lastMessageAt = 0;
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly listeners = new Set<() => void>();
  private readonly metricsRetries = new Map<string, ReturnType<typeof setTimeout>>();
  private staleTimer: ReturnType<typeof setTimeout> | undefined;
  private nextId = 1;

  constructor(token: string, url?: string) {
    const options = { auth: { token }, transports: ['websocket', 'polling'] };
    this.socket = url ? io(url, options) : io(options);
    this.socket.on('connect', () => {
      clearTimeout(this.staleTimer);
      this.setState('live');
      // Every subscription is requested again now, pending metrics retries included.
      for (const timer of this.metricsRetries.values()) clearTimeout(timer);
      this.metricsRetries.clear();
      for (const [id, subscription] of this.subscriptions) this.send(id, subscription);
    });
    this.socket.on('disconnect', (reason) => {
      this.startReconnecting();
      // The server closed the socket (e.g. it restarts): socket.io does not retry that on its own.
      if (reason === 'io server disconnect') this.socket.connect();
    });
    this.socket.on('connect_error', (error: Error & { data?: { reason?: string } }) => {
      if (error.message === 'Unauthorized') {
        this.refusal = error.data?.reason || 'the gateway refused the token';
        this.setState('unauthorized');
        this.socket.disconnect();
      } else {
        this.startReconnecting();
      }
    });
    this.socket.on('sync', (m: SyncMessage) => this.onWatchMessage(m, (h) => h.sync(m)));
    this.socket.on('changes', (m: ChangesMessage) => this.onWatchMessage(m, (h) => h.changes(m)));
    this.socket.on('resync', (m: ResyncMessage) => this.onWatchMessage(m, (h) => h.resync(m)));
    this.socket.on('log', (m: LogMessage) => this.onLogMessage(m.id, (h) => h.log(m)));
    this.socket.on('log-end', (m: LogEndMessage) => this.onLogMessage(m.id, (h) => h.end(m)));
    this.socket.on('metrics', (m: MetricsMessage) => {
      const subscription = this.received(m.id);
      if (subscription?.kind === 'metrics') subscription.handlers.metrics(m);
    });
    this.socket.on('subscription-error', (m: SubscriptionErrorMessage) => {
      const subscription = this.received(m.id);
      if (!subscription) return;
      subscription.handlers.error(m.error);
      this.retryMetrics(m.id, subscription);
    });
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  watch(request: Omit<WatchRequest, 'id'>, handlers: WatchHandlers): () => void {
    return this.subscribe({ kind: 'watch', request: { ...request, id: this.newId('w') }, handlers }, 'unwatch');
  }

  logs(request: Omit<LogsRequest, 'id'>, handlers: LogHandlers): () => void {
    return this.subscribe({ kind: 'logs', request: { ...request, id: this.newId('l') }, handlers }, 'stop');
  }

  metrics(request: Omit<MetricsRequest, 'id'>, handlers: MetricsHandlers): () => void {
    return this.subscribe({ kind: 'metrics', request: { ...request, id: this.newId('m') }, handlers }, 'stop');
  }

  close(): void {
    clearTimeout(this.staleTimer);
    for (const timer of this.metricsRetries.values()) clearTimeout(timer);
    this.subscriptions.clear();
    this.listeners.clear();
    this.socket.disconnect();
  }

  private newId(prefix: string): string {
    return `${prefix}${this.nextId++}`;
  }

  private subscribe(subscription: Subscription, endEvent: 'unwatch' | 'stop'): () => void {
    const id = subscription.request.id;
    this.subscriptions.set(id, subscription);
    if (this.socket.connected) this.send(id, subscription);
    return () => {
      if (!this.subscriptions.delete(id)) return;
      if (this.socket.connected) this.socket.timeout(ACK_TIMEOUT_MS).emit(endEvent, { id }, () => undefined);
    };
  }

  private send(id: string, subscription: Subscription): void {
    if (subscription.kind === 'logs') subscription.handlers.resumed();
    this.socket
      .timeout(ACK_TIMEOUT_MS)
      .emit(subscription.kind, subscription.request, (timeout: Error | null, ack: Ack) => {
        if (this.subscriptions.get(id) !== subscription) return;
        if (timeout) {
          // No answer: the connection is in trouble; the next 'connect' requests it again.
          return;
        }
        if (ack.ok) return;
        if (subscription.kind === 'watch' && ack.error.code === 410 && subscription.request.resourceVersion) {
          // Resuming from a compacted revision: start over with a fresh snapshot, as informers relist.
          delete subscription.request.resourceVersion;
          this.send(id, subscription);
          return;
        }
        subscription.handlers.error(ack.error);
        this.retryMetrics(id, subscription);
      });
  }

  /**
   * The gateway ends a metrics stream at its first failed poll; the error is shown, and the
   * stream requested again later, so usage comes back by itself once the metrics API answers.
   */
  private retryMetrics(id: string, subscription: Subscription): void {
    if (subscription.kind !== 'metrics') return;
    clearTimeout(this.metricsRetries.get(id));
    const timer = setTimeout(() => {
      this.metricsRetries.delete(id);
      if (this.subscriptions.get(id) === subscription && this.socket.connected) this.send(id, subscription);
    }, METRICS_RETRY_MS);
    this.metricsRetries.set(id, timer);
  }

  private received(id: string): Subscription | undefined {
    this.lastMessageAt = Date.now();
    return this.subscriptions.get(id);
  }

  private onWatchMessage(message: { id: string; resourceVersion?: string }, deliver: (h: WatchHandlers) => void) {
    const subscription = this.received(message.id);
    if (subscription?.kind !== 'watch') return;
    // Remember the position, so a reconnect resumes right after it.
    if (message.resourceVersion) subscription.request.resourceVersion = message.resourceVersion;
    deliver(subscription.handlers);
  }

  private onLogMessage(id: string, deliver: (h: LogHandlers) => void) {
    const subscription = this.received(id);
    if (subscription?.kind === 'logs') deliver(subscription.handlers);
  }

  private startReconnecting(): void {
    if (this.state === 'unauthorized' || this.state === 'reconnecting' || this.state === 'stale') return;
    this.setState('reconnecting');
    clearTimeout(this.staleTimer);
    this.staleTimer = setTimeout(() => {
      if (this.state === 'reconnecting') this.setState('stale');
    }, STALE_AFTER_MS);
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
