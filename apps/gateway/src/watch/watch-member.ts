import type { OutboundPacket } from '../delivery/outbound-packet.js';

/** A client's watch subscription as a fan-out group sees it. */
export interface WatchMember {
  /** A batch of changes for this member, already encoded; `count` events, the last at `resourceVersion`. */
  deliver(packet: OutboundPacket, count: number, resourceVersion: string): void;
  /** The shared watch lost continuity (410 upstream): resync with reason Expired. */
  expired(): void;
}
