import type { Logger } from 'pino';

/**
 * Syncs of different pods running at once. Docker serialises much of container creation
 * internally; fifty pods' calls at once only queue inside dockerd and stretch every pod's
 * start, while a bounded number lets the first pods finish first.
 */
export const DEFAULT_MAX_CONCURRENT_SYNCS = 8;

/**
 * The kubelet's podWorkers: at most one sync per pod at a time; a trigger during a sync
 * runs one more sync after it (triggers collapse), so every change is seen by a sync that
 * started after it. At most `maxConcurrent` pods sync at once, the others wait their turn
 * in trigger order. A failed sync is logged and retried by the next trigger or resync.
 */
export class PodWorkers {
  private readonly workers = new Map<string, { again: boolean; done: Promise<void> }>();
  private readonly waiting: (() => void)[] = [];
  private running = 0;
  private closed = false;

  constructor(
    private readonly syncPod: (uid: string) => Promise<void>,
    private readonly logger: Logger,
    private readonly maxConcurrent = DEFAULT_MAX_CONCURRENT_SYNCS,
  ) {
    if (!(maxConcurrent >= 1)) throw new Error(`maxConcurrent must be at least 1, not ${maxConcurrent}`);
  }

  trigger(uid: string): void {
    if (this.closed) return;
    const worker = this.workers.get(uid);
    if (worker) {
      worker.again = true;
      return;
    }
    const entry = { again: false, done: Promise.resolve() };
    this.workers.set(uid, entry);
    entry.done = this.run(uid, entry);
  }

  /** Waits for running syncs and starts no more. */
  async close(): Promise<void> {
    this.closed = true;
    // Waiting syncs still get their slot, one after another, see the close and stop.
    await Promise.all([...this.workers.values()].map((w) => w.done));
  }

  private async run(uid: string, entry: { again: boolean }): Promise<void> {
    do {
      entry.again = false;
      await this.acquire();
      if (this.closed) {
        this.release();
        break;
      }
      try {
        await this.syncPod(uid);
      } catch (error) {
        this.logger.warn({ err: error, podUid: uid }, 'pod sync failed; retrying on the next resync');
      } finally {
        this.release();
      }
    } while (entry.again && !this.closed);
    this.workers.delete(uid);
  }

  private async acquire(): Promise<void> {
    if (this.running < this.maxConcurrent) {
      this.running++;
      return;
    }
    // The releasing sync hands its slot over: running stays as it is.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}
