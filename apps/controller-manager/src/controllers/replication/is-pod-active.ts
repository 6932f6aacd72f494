import type { Pod } from '#api';

/**
 * controller.IsPodActive: a pod counts toward replicas unless it has finished or is being
 * deleted. A pod with deletionTimestamp will go away on its own, so a replacement is
 * created at once instead of after its grace period.
 */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}
