import type { EngineWriteOptions, OutboundPacket } from './outbound-packet.js';

/** The part of an engine.io socket (socket.io's `socket.conn`) the outbox writes to. */
export interface EngineConnection {
  write(data: string, options: EngineWriteOptions, callback?: () => void): unknown;
}

export interface OutboxLimits {
  maxMessages: number;
  maxBytes: number;
}

export interface OutboxObserver {
  /** Bytes held for this client (queued plus handed to the socket and not yet written), as they change. */
  bytesChanged(delta: number): void;
  /** The limits were crossed: queued packets were dropped, the owner must resync what it streams. */
  overflow(droppedMessages: number): void;
  /** Everything handed over has been written and nothing is queued. */
  drained(): void;
}

/**
 * The bounded buffer between a client's subscriptions and its socket. Packets are handed to
 * engine.io one batch at a time and the next batch waits for the write callback, so a client
 * that stops reading holds at most one batch in the socket plus what is queued here; past
 * `maxMessages` or `maxBytes` the queue is dropped and the owner told (Overflow), instead of
 * growing this process's memory. Other clients never wait on this one.
 */
export class ClientOutbox {
  private queue: OutboundPacket[] = [];
  private queuedBytes = 0;
  private inFlightBytes = 0;
  private inFlight = false;
  private closed = false;

  constructor(
    private readonly connection: EngineConnection,
    private readonly limits: OutboxLimits,
    private readonly observer: OutboxObserver,
  ) {}

  /**
   * Queues a packet; false when it would cross the limits (the queue is then dropped and
   * `overflow` called). `force` packets (resync, sync after a drain, small control messages)
   * are always taken: they are what lets the client recover.
   */
  push(packet: OutboundPacket, force = false): boolean {
    if (this.closed) return false;
    const bytes = this.queuedBytes + this.inFlightBytes + packet.bytes;
    if (!force && (this.queue.length + 1 > this.limits.maxMessages || bytes > this.limits.maxBytes)) {
      const dropped = this.queue.length + 1;
      this.observer.bytesChanged(-this.queuedBytes);
      this.queue = [];
      this.queuedBytes = 0;
      this.observer.overflow(dropped);
      return false;
    }
    this.queue.push(packet);
    this.queuedBytes += packet.bytes;
    this.observer.bytesChanged(packet.bytes);
    this.flush();
    return true;
  }

  get idle(): boolean {
    return !this.inFlight && this.queue.length === 0;
  }

  get heldBytes(): number {
    return this.queuedBytes + this.inFlightBytes;
  }

  close(): void {
    this.closed = true;
    this.observer.bytesChanged(-(this.queuedBytes + this.inFlightBytes));
    this.queue = [];
    this.queuedBytes = this.inFlightBytes = 0;
  }

  private flush(): void {
    if (this.inFlight || this.queue.length === 0 || this.closed) return;
    const batch = this.queue;
    this.queue = [];
    this.inFlightBytes = this.queuedBytes;
    this.queuedBytes = 0;
    this.inFlight = true;
    const done = () => {
      if (this.closed) return;
      this.observer.bytesChanged(-this.inFlightBytes);
      this.inFlightBytes = 0;
      this.inFlight = false;
      if (this.queue.length > 0) this.flush();
      else this.observer.drained();
    };
    for (let i = 0; i < batch.length; i++) {
      this.connection.write(batch[i].data, batch[i].options, i === batch.length - 1 ? done : undefined);
    }
  }
}
