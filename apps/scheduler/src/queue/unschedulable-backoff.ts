/**
 * kube-scheduler's per-pod backoff for unschedulable pods: 1 s, doubling per failed attempt,
 * capped at 10 s (podInitialBackoffDuration, podMaxBackoffDuration). Kept per process: with
 * several schedulers a pod may be retried a little sooner, never later.
 */
export class UnschedulableBackoff {
  private readonly attempts = new Map<string, number>();

  constructor(
    private readonly initialMs = 1_000,
    private readonly maxMs = 10_000,
  ) {}

  next(key: string): number {
    const attempts = this.attempts.get(key) ?? 0;
    this.attempts.set(key, attempts + 1);
    return Math.min(this.maxMs, this.initialMs * 2 ** attempts);
  }

  reset(key: string): void {
    this.attempts.delete(key);
  }

  /** Keys that failed and have not been reset since: kube-scheduler's unschedulable pods. */
  keys(): IterableIterator<string> {
    return this.attempts.keys();
  }
}
