/** Per-key exponential backoff after errors, like client-go's ItemExponentialFailureRateLimiter. */
export interface BackoffPolicy {
  /** Delay after the first failure; it doubles with each further failure. */
  baseMs: number;
  maxMs: number;
}

/** client-go's DefaultControllerRateLimiter: 5 ms, 10 ms, 20 ms ... capped at 1000 s. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5, maxMs: 1_000_000 };

/** The delay before retry number `failures` (1 for the first failure). */
export function backoffDelayMs(failures: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  // 2 ** 1024 is Infinity: cap the exponent so min() sees a number.
  const exponent = Math.min(Math.max(failures - 1, 0), 62);
  return Math.min(policy.baseMs * 2 ** exponent, policy.maxMs);
}
