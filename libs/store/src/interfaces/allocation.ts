/**
 * One value of an allocation pool: a service cluster IP or node port, as an offset into the
 * pool's range. Pools are named by their owner (the apiserver names them after their range,
 * so a changed range starts a fresh pool that the start-up repair fills).
 */
export interface Allocation {
  pool: string;
  offset: number;
}

/** Values a write takes and gives back, atomically with the object it is written with. */
export interface AllocationChanges {
  claim?: Allocation[];
  release?: Allocation[];
}

/** One holder of a pool value, as the pool records it. */
export interface AllocationOwner {
  resource: string;
  namespace: string;
  name: string;
}

/** The store's answer when a write claims a value another object holds: nothing was written. */
export class AllocationConflictError extends Error {
  constructor(readonly allocation: Allocation) {
    super(`offset ${allocation.offset} of pool ${allocation.pool} is held by another object`);
    this.name = 'AllocationConflictError';
  }
}

/** What repairAllocation did. */
export type AllocationRepair = 'done' | 'changed' | { heldBy: AllocationOwner };
