import type { Logger } from 'pino';
import type { ClientOutbox } from '../delivery/client-outbox.js';
import type { GatewayMetrics } from '../observability/gateway-metrics.js';

/** What a subscription knows of the client it serves. */
export interface SubscriberContext {
  readonly outbox: ClientOutbox;
  /** The client's bearer token: per-client upstream requests (logs, old-resume watches) go as the client. */
  readonly token: string;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  /** Sends a small message that must reach the client (resync, errors, ends) past the buffer limits. */
  sendControl(event: string, payload: unknown): void;
}
