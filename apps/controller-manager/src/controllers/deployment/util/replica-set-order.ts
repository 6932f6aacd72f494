import type { ReplicaSet } from '#api';
import { revisionOf } from './revision-of.js';

const created = (rs: ReplicaSet) => Date.parse(rs.metadata.creationTimestamp ?? '') || 0;
const size = (rs: ReplicaSet) => rs.spec?.replicas ?? 0;

function byCreation(a: ReplicaSet, b: ReplicaSet): number {
  return created(a) - created(b) || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
}

/** The sort orders of pkg/controller's ReplicaSetsBy* types, as comparators. */
export const replicaSetOrder = {
  /** Oldest first; name breaks ties. */
  byCreation,
  /** Largest first; the newer of equal sizes first (where proportional scale-up leftovers go). */
  bySizeNewer: (a: ReplicaSet, b: ReplicaSet) => size(b) - size(a) || byCreation(b, a),
  /** Largest first; the older of equal sizes first (where scale-down leftovers come from). */
  bySizeOlder: (a: ReplicaSet, b: ReplicaSet) => size(b) - size(a) || byCreation(a, b),
  /** Lowest revision first (cleanup deletes from the front). */
  byRevision: (a: ReplicaSet, b: ReplicaSet) => revisionOf(a) - revisionOf(b) || byCreation(a, b),
};
