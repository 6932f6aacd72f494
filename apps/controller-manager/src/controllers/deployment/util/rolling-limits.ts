import type { Deployment } from '#api';
import { resolveFenceposts } from './resolve-fenceposts.js';

/**
 * MaxSurge and MaxUnavailable of a Deployment: both 0 for Recreate; maxUnavailable is
 * capped at spec.replicas and 0 when scaled to zero.
 */
export function rollingLimits(d: Deployment): { maxSurge: number; maxUnavailable: number } {
  const strategy = d.spec?.strategy;
  if (strategy?.type === 'Recreate') return { maxSurge: 0, maxUnavailable: 0 };
  const replicas = d.spec?.replicas ?? 1;
  const rolling = strategy?.rollingUpdate;
  // Unset fields are defaulted by the apiserver; 25% mirrors that for objects that skipped it.
  const { maxSurge, maxUnavailable } = resolveFenceposts(
    rolling?.maxSurge ?? '25%',
    rolling?.maxUnavailable ?? '25%',
    replicas,
  );
  return { maxSurge, maxUnavailable: replicas === 0 ? 0 : Math.min(maxUnavailable, replicas) };
}
