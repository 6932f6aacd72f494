import type { Pod } from '#api';

export interface PodAvailability {
  ready: boolean;
  available: boolean;
  /** A ready pod not yet available becomes available this many ms from `now`. */
  availableInMs?: number;
}

/**
 * podutil.IsPodAvailable: ready, and ready for at least minReadySeconds. Example:
 * minReadySeconds 10, Ready since 12:00:00, now 12:00:04 -> ready, not available, in 6000 ms.
 */
export function podAvailability(pod: Pod, minReadySeconds: number, now: number): PodAvailability {
  const condition = pod.status?.conditions?.find((c) => c.type === 'Ready');
  if (condition?.status !== 'True') return { ready: false, available: false };
  if (minReadySeconds <= 0) return { ready: true, available: true };
  const since = condition.lastTransitionTime ? Date.parse(condition.lastTransitionTime) : Number.NaN;
  // No transition time: Kubernetes treats the pod as not yet available for the whole period.
  if (Number.isNaN(since)) return { ready: true, available: false, availableInMs: minReadySeconds * 1000 };
  const availableAt = since + minReadySeconds * 1000;
  return availableAt <= now
    ? { ready: true, available: true }
    : { ready: true, available: false, availableInMs: availableAt - now };
}
