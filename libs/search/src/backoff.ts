export interface BackoffPolicy {
  /** The first retry's ceiling; each later one doubles it. */
  baseDelayMs: number;
  /** No wait exceeds this, whatever the attempt or a Retry-After says. */
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseDelayMs: 200, maxDelayMs: 30_000 };

/**
 * The wait before retry number `attempt` (0-based): exponential backoff with full jitter
 * (a uniform draw between 0 and base * 2^attempt, capped), which spreads out the retries of
 * many shippers better than a fixed doubling. A server's Retry-After wins when given, within the cap.
 */
export function backoffDelayMs(
  attempt: number,
  policy: BackoffPolicy,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
