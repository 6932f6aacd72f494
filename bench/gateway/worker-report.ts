/**
 * How a benchmark client receives pods: `light` (LightSocketClient: the socket.io protocol,
 * events found by a byte scan), `socket.io` (socket.io-client, every event decoded) or `watch`
 * (a plain HTTP watch of the apiserver, the peer).
 */
export type ClientKind = 'light' | 'socket.io' | 'watch';

/** What a client process (client-worker.ts) sends back when the benchmark finishes. */
export interface WorkerReport {
  /** Latency samples by kind of client, ms from the sent-at stamp to the event's arrival. */
  samples: Partial<Record<ClientKind, number[]>>;
  /** Events each client of the process received. */
  clients: { kind: ClientKind; received: number }[];
  /** Anything that would cost a real client a relist or a reconnect: resync, subscription-error, disconnect. */
  problems: string[];
  /** Event-loop delay of the process over the load window (perf_hooks, 10 ms resolution), ms. */
  eventLoopDelay: { p99: number; max: number };
  /** CPU seconds (user + system) the process used over the load window. */
  cpuSeconds: number;
}
