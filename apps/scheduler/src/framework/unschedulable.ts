import type { FilterStatus } from './filter-status.js';

/** A rejection that preemption could resolve (resources, ports). */
export function unschedulable(plugin: string, ...reasons: string[]): FilterStatus {
  return { plugin, reasons, unresolvable: false };
}

/** A rejection that no eviction can resolve (taints, affinity, cordon). */
export function unresolvable(plugin: string, ...reasons: string[]): FilterStatus {
  return { plugin, reasons, unresolvable: true };
}
