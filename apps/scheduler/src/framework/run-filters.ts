import type { Pod } from '#api';
import type { FilterStatus } from './filter-status.js';
import type { NodeInfo } from './node-info.js';
import type { SchedulingProfile } from './scheduling-profile.js';

/** The profile's filters in order: the first rejection, or undefined when the node fits. */
export function runFilters(pod: Pod, node: NodeInfo, profile: SchedulingProfile): FilterStatus | undefined {
  for (const plugin of profile.filters) {
    const status = plugin.filter(pod, node);
    if (status) return status;
  }
  return undefined;
}
