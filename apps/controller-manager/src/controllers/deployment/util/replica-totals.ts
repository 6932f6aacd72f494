import type { ReplicaSet } from '#api';

export interface ReplicaTotals {
  /** Sum of spec.replicas: pods asked for. */
  spec: number;
  /** Sum of status.replicas: pods that exist. */
  actual: number;
  ready: number;
  available: number;
}

/** GetReplicaCountForReplicaSets and friends in one pass; undefined entries (no new RS yet) count 0. */
export function replicaTotals(replicaSets: readonly (ReplicaSet | undefined)[]): ReplicaTotals {
  const totals: ReplicaTotals = { spec: 0, actual: 0, ready: 0, available: 0 };
  for (const rs of replicaSets) {
    if (!rs) continue;
    totals.spec += rs.spec?.replicas ?? 0;
    totals.actual += rs.status?.replicas ?? 0;
    totals.ready += rs.status?.readyReplicas ?? 0;
    totals.available += rs.status?.availableReplicas ?? 0;
  }
  return totals;
}
