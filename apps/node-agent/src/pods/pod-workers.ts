import type { Logger } from 'pino';

/**
 * The kubelet's podWorkers: at most one sync per pod at a time; a trigger during a sync
 * runs one more sync after it (triggers collapse), so every change is seen by a sync that
 * started after it. A failed sync is logged and retried by the next trigger or resync.
 */
export class PodWorkers {
  private readonly workers = new Map<string, { again: boolean; done: Promise<void> }>();
  private closed = false;

  constructor(
    private readonly syncPod: (uid: string) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  trigger(uid: string): void {
    if (this.closed) return;
    const worker = this.workers.get(uid);
    if (worker) {
      worker.again = true;
      return;
    }
    this.start(uid);
  }

  /**
   * The periodic resync: a sync for a pod that has none running. A running sync is not
   * followed by another one for it, as it would be for a change: the sync looks at the
   * runtime anyway, and the next period comes soon (a pod starting for ten seconds would
   * otherwise pay a second full sync right after its first, for nothing).
   */
  resync(uid: string): void {
    if (!this.closed && !this.workers.has(uid)) this.start(uid);
  }

  /** Waits for running syncs and starts no more. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.workers.values()].map((w) => w.done));
  }

  private start(uid: string): void {
    const entry = { again: false, done: Promise.resolve() };
    this.workers.set(uid, entry);
    entry.done = this.run(uid, entry);
  }

  private async run(uid: string, entry: { again: boolean }): Promise<void> {
    do {
      entry.again = false;
      try {
        await this.syncPod(uid);
      } catch (error) {
        this.logger.warn({ err: error, podUid: uid }, 'pod sync failed; retrying on the next resync');
      }
    } while (entry.again && !this.closed);
    this.workers.delete(uid);
  }
}
