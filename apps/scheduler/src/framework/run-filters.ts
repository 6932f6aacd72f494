import type { Pod } from '#api';
import type { FilterStatus } from './filter-status.js';
import type { NodeInfo } from './node-info.js';
import type { FilterPlugin } from './filter-plugin.js';

/** The filters in order: the first rejection, or undefined when the node fits. */
export function runFilters(pod: Pod, node: NodeInfo, filters: readonly FilterPlugin[]): FilterStatus | undefined {
  for (const plugin of filters) {
    const status = plugin.filter(pod, node);
    if (status) return status;
  }
  return undefined;
}
