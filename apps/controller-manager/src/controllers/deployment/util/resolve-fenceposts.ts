import { scaledValue } from './scaled-value.js';

/**
 * Absolute maxSurge and maxUnavailable for `desired` replicas (ResolveFenceposts).
 *
 * Surge rounds up and unavailable rounds down. Example, 10 replicas at 25%/25%: surge
 * ceil(2.5) = 3, unavailable floor(2.5) = 2, so the rollout runs between 8 available and
 * 13 total pods. With 1 replica at 25%/25%: surge 1, unavailable 0 (surge first, then
 * scale down). If both resolve to 0 (1 replica at 0/10%), unavailable becomes 1: a
 * rollout with neither could never move.
 */
export function resolveFenceposts(
  maxSurge: number | string | undefined,
  maxUnavailable: number | string | undefined,
  desired: number,
): { maxSurge: number; maxUnavailable: number } {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  const unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) return { maxSurge: 0, maxUnavailable: 1 };
  return { maxSurge: surge, maxUnavailable: unavailable };
}
