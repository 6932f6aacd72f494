import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { DEFAULT_BACKOFF, backoffDelayMs } from './backoff-policy.js';
import type { BullWorkQueueOptions } from './bull-work-queue-options.js';
import type { Reconciler } from './reconciler.js';
import type { WorkQueue } from './work-queue.js';
import { WorkQueueMetrics } from './work-queue-metrics.js';

/** Shares the {kubenest} hash tag with the store, so Redis Cluster keeps it all in one slot (bullmq#459). */
export const QUEUE_PREFIX = '{kubenest}:queue';
const JOB_NAME = 'reconcile';
/** Jobs per pipeline when many keys are added at once. */
const ADD_BATCH = 200;

/** reschedule: a delayed job of this key (backoff, requeueAfter) runs now instead. */
function freshAddOptions(key: string) {
  return { jobId: randomUUID(), deduplication: { id: key, keepLastIfActive: true, reschedule: true } };
}

interface KeyJob {
  key: string;
  /** Added by a failed run: the key has a failure count that this run's success must reset. */
  retry?: boolean;
}

/**
 * WorkQueue on BullMQ. The workqueue rules map onto BullMQ's deduplication with
 * keepLastIfActive, keyed by the object key (checked by bull-work-queue.int-spec.ts):
 * - a key has at most one job waiting or delayed: later adds are deduplicated;
 * - that one job is the only one of its key, so no two workers run a key at once;
 * - an add while the key's job is active is stored by BullMQ as the key's "next job"
 *   (overwriting any earlier one) and enqueued atomically when the active job finishes:
 *   the key runs exactly once more, after the current run ("dirty while processing");
 * - add() reschedules a delayed job of its key to now, and addAfter() moves it earlier if its
 *   own time comes first: a delayed re-add and a fresh add coalesce, the earlier wins.
 *
 * Errors do not use BullMQ's attempts: the reconcile's outcome is turned into a new add
 * (after the backoff, or after requeueAfterMs) while the job is still active, so a change
 * that arrived during the failed run and the retry coalesce like any other adds. Failures
 * are counted per key in Redis, shared by every process, and reset on success. Most runs
 * follow no failure, so a success resets the count only when there can be one: the run is a
 * retry (its job is marked), or this process counted a failure of the key. Not covered: a
 * fresh add that replaces the marked retry in the moment before the failed run ends, with the
 * next run on another process; the count then stays until the key's next failed run, whose
 * retry resets it on success.
 *
 * Delivery is at-least-once (bullmq#2857): a worker that dies, or whose event loop is blocked
 * longer than lockDurationMs, loses its lock and the key runs again elsewhere, possibly while
 * the first run is still going. Reconcilers are idempotent and guard writes by resourceVersion.
 */
export class BullWorkQueue implements WorkQueue {
  readonly name: string;
  private readonly queue: Queue<KeyJob>;
  private readonly metrics?: WorkQueueMetrics;
  private readonly failuresKey: string;
  private worker?: Worker<KeyJob>;
  /** Keys added in this tick, not sent yet. */
  private pendingAdds?: { key: string; resolve: () => void; reject: (err: unknown) => void }[];
  /** Keys whose failure count this process raised and has not reset. */
  private readonly failedHere = new Set<string>();
  private workerConnection?: Redis;
  private closed = false;

  constructor(private readonly options: BullWorkQueueOptions) {
    this.name = options.name;
    this.failuresKey = `{kubenest}:workqueue:${options.name}:failures`;
    this.queue = new Queue<KeyJob>(options.name, {
      connection: options.connection,
      prefix: QUEUE_PREFIX,
      defaultJobOptions: { removeOnComplete: true, removeOnFail: true },
    });
    this.queue.on('error', (err) => options.onError?.(err));
    if (options.registry) {
      this.metrics = WorkQueueMetrics.for(options.registry);
      this.metrics.trackDepth(this.name, () => this.depth());
    }
  }

  /**
   * Adds made in one tick leave together when it ends, in pipelines of ADD_BATCH jobs
   * (BullMQ's addBulk: each job still its own script, with the same options): an informer's
   * initial list adds every object at once, and a batch costs this process a third less CPU
   * per key than single adds.
   */
  add(key: string): Promise<void> {
    this.metrics?.adds.inc({ name: this.name });
    return new Promise((resolve, reject) => {
      if (!this.pendingAdds) {
        this.pendingAdds = [];
        queueMicrotask(() => this.sendAdds());
      }
      this.pendingAdds.push({ key, resolve, reject });
    });
  }

  private sendAdds(): void {
    const adds = this.pendingAdds ?? [];
    this.pendingAdds = undefined;
    for (let i = 0; i < adds.length; i += ADD_BATCH) {
      const batch = adds.slice(i, i + ADD_BATCH);
      const jobs = batch.map(({ key }) => ({ name: JOB_NAME, data: { key }, opts: freshAddOptions(key) }));
      const sent = jobs.length === 1 ? this.queue.add(JOB_NAME, jobs[0].data, jobs[0].opts) : this.queue.addBulk(jobs);
      sent.then(
        () => batch.forEach((add) => add.resolve()),
        (err: unknown) => batch.forEach((add) => add.reject(err)),
      );
    }
  }

  addAfter(key: string, delayMs: number): Promise<void> {
    return this.schedule(key, delayMs, false);
  }

  private async schedule(key: string, delayMs: number, retry: boolean): Promise<void> {
    if (delayMs <= 0 && !retry) return this.add(key);
    this.metrics?.adds.inc({ name: this.name });
    // BullMQ keeps the last next-job stored while a key is active; keep an earlier one instead
    // (a retry takes its place at its time, to carry the mark). Between this read and the add
    // below another process may store a sooner one, which is then delayed to ours: a later
    // run, never a lost one.
    const pending = await this.pendingNextDelayMs(key);
    if (pending !== undefined && pending <= delayMs) {
      if (!retry) return;
      delayMs = pending;
    }
    const jobId = randomUUID();
    const dueAt = Date.now() + delayMs;
    const job = await this.queue.add(JOB_NAME, retry ? { key, retry } : { key }, {
      jobId,
      delay: delayMs,
      deduplication: { id: key, keepLastIfActive: true },
    });
    if (job.id === jobId || job.id === undefined) return;
    // Coalesced with an existing job of the key: if that one is delayed past our time, move it up.
    const existing = await this.queue.getJob(job.id);
    if (!existing || existing.timestamp + (existing.delay ?? 0) <= dueAt) return;
    if (!(await existing.isDelayed())) return;
    // It may have been promoted since isDelayed(): then it runs even sooner, which is fine.
    await existing.changeDelay(Math.max(dueAt - Date.now(), 0)).catch(() => undefined);
  }

  async run(reconciler: Reconciler, options: { concurrency?: number } = {}): Promise<void> {
    if (reconciler.name !== this.name) throw new Error(`reconciler "${reconciler.name}" run on queue "${this.name}"`);
    if (this.worker) throw new Error(`queue "${this.name}" already runs a worker`);
    if (this.closed) throw new Error(`queue "${this.name}" is closed`);
    // Own connection (BullMQ adds a blocking one): healthy() then reflects this worker's link.
    this.workerConnection = this.options.connection.duplicate({ maxRetriesPerRequest: null, lazyConnect: false });
    this.worker = new Worker<KeyJob>(this.name, (job) => this.process(job, reconciler), {
      connection: this.workerConnection,
      prefix: QUEUE_PREFIX,
      concurrency: options.concurrency ?? 1,
      lockDuration: this.options.lockDurationMs ?? 30_000,
      stalledInterval: this.options.stalledIntervalMs ?? 15_000,
      maxStalledCount: this.options.maxStalledCount ?? 5,
      removeOnComplete: { count: 0 },
      removeOnFail: { count: 0 },
    });
    this.worker.on('error', (err) => this.options.onError?.(err));
    await this.worker.waitUntilReady();
  }

  /**
   * For /healthz: false once the worker stopped or its Redis connection is down. BullMQ
   * workers can stop silently after a failover (bullmq#648); restarting the process is the cure.
   */
  healthy(): boolean {
    return (
      !this.closed &&
      this.worker !== undefined &&
      this.worker.isRunning() &&
      this.workerConnection !== undefined &&
      this.workerConnection.status === 'ready'
    );
  }

  /** How many errors in a row the key has had, shared by every process (client-go's NumRequeues). */
  async numRequeues(key: string): Promise<number> {
    return Number((await this.options.connection.hget(this.failuresKey, key)) ?? 0);
  }

  /** Keys ready to be processed now (delayed ones excluded, as client-go's depth). */
  async depth(): Promise<number> {
    return this.queue.getWaitingCount();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.metrics?.untrackDepth(this.name);
    const connected = this.workerConnection?.status === 'ready';
    // With Redis gone BullMQ's close waits for it forever: force it, and give up waiting after a while.
    const giveUp = new Promise<void>((resolve) => setTimeout(resolve, connected ? 60_000 : 2_000).unref());
    await Promise.race([this.worker?.close(!connected), giveUp]);
    if (connected) await this.workerConnection?.quit().catch(() => undefined);
    this.workerConnection?.disconnect();
    await Promise.race([this.queue.close(), giveUp]);
  }

  private async process(job: Job<KeyJob>, reconciler: Reconciler): Promise<void> {
    const { key } = job.data;
    const labels = { name: this.name };
    const readyAt = job.timestamp + (job.delay ?? 0);
    this.metrics?.queueDuration.observe(labels, Math.max((job.processedOn ?? Date.now()) - readyAt, 0) / 1000);
    const started = performance.now();
    let retryAfterMs: number | undefined;
    let failed = false;
    try {
      const result = await reconciler.reconcile(key);
      if (job.data.retry || this.failedHere.has(key)) {
        await this.options.connection.hdel(this.failuresKey, key);
        this.failedHere.delete(key);
      }
      retryAfterMs = result ? result.requeueAfterMs : undefined;
    } catch (err) {
      this.options.onReconcileError?.(key, err);
      const failures = await this.options.connection.hincrby(this.failuresKey, key, 1);
      this.failedHere.add(key);
      failed = true;
      this.metrics?.retries.inc(labels);
      retryAfterMs = backoffDelayMs(failures, this.options.backoff ?? DEFAULT_BACKOFF);
    } finally {
      this.metrics?.workDuration.observe(labels, (performance.now() - started) / 1000);
    }
    // Added while this job is active, so it becomes the key's next job (see the class comment).
    if (retryAfterMs !== undefined) await this.schedule(key, retryAfterMs, failed);
  }

  /** The delay of the next job BullMQ stored for the key while it is active, if any. */
  private async pendingNextDelayMs(key: string): Promise<number | undefined> {
    const opts = await this.options.connection.hget(this.queue.toKey(`dn:${key}`), 'opts');
    if (opts === null) return undefined;
    return Number((JSON.parse(opts) as { delay?: number }).delay ?? 0);
  }
}
