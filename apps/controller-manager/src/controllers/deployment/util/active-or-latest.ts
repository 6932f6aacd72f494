import type { ReplicaSet } from '#api';
import { replicaSetOrder } from './replica-set-order.js';

/**
 * FindActiveOrLatest: the only RS with replicas, or with none active the new RS (else the
 * newest old one); undefined when several are active (then scaling is proportional).
 */
export function activeOrLatest(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = [...oldRSs].sort((a, b) => replicaSetOrder.byCreation(b, a));
  const active = [...newestFirst, ...(newRS ? [newRS] : [])].filter((rs) => (rs.spec?.replicas ?? 0) > 0);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}
