import type { Pod } from '#api';
import type { FilterStatus } from './filter-status.js';
import type { NodeInfo } from './node-info.js';

/** A Filter extension point plugin: undefined when the node can take the pod. */
export interface FilterPlugin {
  readonly name: string;
  filter(pod: Pod, node: NodeInfo): FilterStatus | undefined;
}
