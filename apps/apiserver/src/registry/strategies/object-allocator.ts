import type { FieldError, KubeObject } from '#api';
import type { Allocation } from '#store';

/** What one write of an object takes from and gives back to its kind's allocation pools. */
export interface AllocationPlan {
  claim: Allocation[];
  release: Allocation[];
  /**
   * The error to answer when a claim the user asked for by value turns out to be held;
   * claims missing here were picked by the allocator, and a lost race re-plans them.
   */
  requested: Map<string, FieldError>;
}

/**
 * Kinds whose objects hold values from a shared pool (a Service's cluster IP and node
 * ports). The registry asks for a plan before every write and hands it to the store, which
 * claims and releases inside the write itself.
 */
export interface ObjectAllocator {
  /** Fills in values to allocate on `next` (in place) and says what to claim and release; throws 422 for bad requests. */
  plan(next: KubeObject, current: KubeObject | undefined): Promise<AllocationPlan>;
  /** The pool values an object holds (released when it is deleted). */
  held(obj: KubeObject): Allocation[];
}

export function allocationKey(allocation: Allocation): string {
  return `${allocation.pool}#${allocation.offset}`;
}
