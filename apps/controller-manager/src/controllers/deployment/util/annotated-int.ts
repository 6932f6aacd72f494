import type { ReplicaSet } from '#api';

/** An integer annotation of `rs` (desired-replicas, max-replicas), undefined when absent or malformed. */
export function annotatedInt(rs: ReplicaSet, key: string): number | undefined {
  const raw = rs.metadata.annotations?.[key];
  if (raw === undefined || !/^-?\d+$/.test(raw)) return undefined;
  return Number(raw);
}
