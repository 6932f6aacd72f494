import type { Reconciler } from './reconciler.js';

/**
 * Kubernetes workqueue semantics on BullMQ, shared by every process that runs the same
 * controller (so several controller-manager replicas split the work):
 * - a key waits in the queue at most once, however often it is added;
 * - a key is processed by one worker at a time, cluster-wide; a key added while it is
 *   being processed is processed again once, after the current run;
 * - a thrown error retries the key with per-key exponential backoff (reset on success);
 * - `addAfter` schedules a key (requeueAfterMs, deadlines);
 * - depth, latency, work duration and retries are exported as Prometheus metrics.
 */
export interface WorkQueue {
  readonly name: string;
  add(key: string): Promise<void>;
  addAfter(key: string, delayMs: number): Promise<void>;
  /** Starts workers that feed keys to the reconciler; resolves when they are running. */
  run(reconciler: Reconciler, options?: { concurrency?: number }): Promise<void>;
  /** Stops taking keys, lets running reconciles finish, closes connections. */
  close(): Promise<void>;
}
