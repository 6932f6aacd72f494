import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Exponential backoff with jitter for retry loops (client-go's reflector starts at 800 ms
 * and caps at 30 s). The delay is drawn from [d/2, d] so that many clients failing at once
 * (an apiserver restart) spread their retries instead of returning in lockstep.
 */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly initialMs = 800,
    private readonly maxMs = 30_000,
  ) {}

  /** The next delay, growing until reset(). */
  next(): number {
    const ceiling = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    return ceiling / 2 + (Math.random() * ceiling) / 2;
  }

  reset(): void {
    this.attempt = 0;
  }

  /** Sleeps for next(); returns early, without throwing, once `signal` aborts. */
  async wait(signal?: AbortSignal): Promise<void> {
    try {
      await sleep(this.next(), undefined, { signal });
    } catch (error) {
      if (!signal?.aborted) throw error;
    }
  }
}
