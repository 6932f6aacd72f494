// The gateway's socket.io messages (docs/gateway-protocol.md), as the dashboard sends and receives them.
import type { KubeObject, UsageSample } from '../model/k8s-types.js';

export interface ApiErrorBody {
  code: number;
  reason: string;
  message: string;
}

export type Ack = ({ ok: true } & Record<string, unknown>) | { ok: false; error: ApiErrorBody };

export type { LogsRequest, MetricsRequest, WatchRequest } from '../../../gateway/src/session/request-types.js';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface SyncMessage {
  id: string;
  resourceVersion: string;
  items: KubeObject[];
}

export interface ChangesMessage {
  id: string;
  resourceVersion: string;
  events: { type: WatchEventType; object: KubeObject }[];
}

export interface ResyncMessage {
  id: string;
  reason: 'Expired' | 'Overflow';
}

export interface LogLine {
  timestamp: string;
  stream: 'stdout' | 'stderr';
  line: string;
}

export interface LogMessage {
  id: string;
  lines: LogLine[];
}

export interface LogEndMessage {
  id: string;
  reason: string;
}

export interface MetricsMessage {
  id: string;
  timestamp: string;
  samples: UsageSample[];
}

export interface SubscriptionErrorMessage {
  id: string;
  error: ApiErrorBody;
}

/** What a subscriber receives, per kind of subscription. */
export interface WatchHandlers {
  sync(message: SyncMessage): void;
  changes(message: ChangesMessage): void;
  resync(message: ResyncMessage): void;
  error(error: ApiErrorBody): void;
}

export interface LogHandlers {
  log(message: LogMessage): void;
  end(message: LogEndMessage): void;
  error(error: ApiErrorBody): void;
  /** Called before the stream is requested again after a reconnect. */
  resumed(): void;
}

export interface MetricsHandlers {
  metrics(message: MetricsMessage): void;
  error(error: ApiErrorBody): void;
}
