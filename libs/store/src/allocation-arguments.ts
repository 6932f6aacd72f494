import type { Allocation, AllocationChanges, AllocationOwner } from './interfaces/allocation.js';
import { StoreKeys } from './store-keys.js';

/** The KEYS and ARGV tails of scripts/includes/allocations.lua, and its entries in order (claims first). */
export function allocationArguments(changes: AllocationChanges = {}): {
  keys: string[];
  argv: string[];
  entries: Allocation[];
} {
  const claim = changes.claim ?? [];
  const release = changes.release ?? [];
  const entries = [...claim, ...release];
  return {
    keys: entries.flatMap((a) => [StoreKeys.allocationBits(a.pool), StoreKeys.allocationOwners(a.pool)]),
    argv: [String(claim.length), String(release.length), ...entries.map((a) => String(a.offset))],
    entries,
  };
}

/** The owner string the pools record: the storage name, namespace and name cannot contain "/". */
export function formatAllocationOwner(owner: AllocationOwner): string {
  return `${owner.resource}/${owner.namespace}/${owner.name}`;
}

export function parseAllocationOwner(text: string): AllocationOwner {
  const [resource = '', namespace = '', name = ''] = text.split('/');
  return { resource, namespace, name };
}
