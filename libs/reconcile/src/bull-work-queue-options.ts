import type { Redis } from 'ioredis';
import type { Registry } from 'prom-client';
import type { BackoffPolicy } from './backoff-policy.js';

export interface BullWorkQueueOptions {
  /** The reconciler's name; names the BullMQ queue, the metrics label and the logs. */
  name: string;
  /**
   * A connection from the store's connectRedis (which checks maxmemory-policy noeviction).
   * The queue shares it; the worker gets its own duplicates, so its liveness is its own.
   */
  connection: Redis;
  /** Prometheus registry for the workqueue_* metrics; none, no metrics. */
  registry?: Registry;
  backoff?: BackoffPolicy;
  /**
   * How long a worker's lock on a key lasts; the worker renews it every half of it while the
   * reconcile runs. A key whose worker died is run again after about lockDurationMs +
   * stalledIntervalMs. Default 30 s: reconciles are short and I/O-bound, so renewals every 15 s
   * go through unless the event loop is blocked for ~15 s or more; past that the lock lapses and
   * the key can run twice (bullmq#2857) — tolerable because reconcilers are idempotent, and far
   * rarer than with a short lock. Keep CPU-heavy work off the worker's event loop.
   */
  lockDurationMs?: number;
  /** How often workers look for jobs whose lock expired (stalled). Default 15 s. */
  stalledIntervalMs?: number;
  /** A key that stalls this many times (it keeps crashing its worker) is dropped until its next add. Default 5. */
  maxStalledCount?: number;
  /** Receives what a reconcile threw (the key is retried after its backoff). */
  onReconcileError?(key: string, err: unknown): void;
  /** Receives errors the worker reports outside a reconcile (connection loss, lock renewal). */
  onError?(err: Error): void;
}
