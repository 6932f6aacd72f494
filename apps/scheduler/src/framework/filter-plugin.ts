import type { Pod } from '#api';
import type { FilterStatus } from './filter-status.js';
import type { NodeInfo } from './node-info.js';

/** A Filter extension point plugin: undefined when the node can take the pod. */
export interface FilterPlugin {
  readonly name: string;
  filter(pod: Pod, node: NodeInfo): FilterStatus | undefined;
  /**
   * kube-scheduler's PreFilter returning Skip: true when this plugin cannot reject any node
   * for the pod (no node selector, no host ports), so a cycle does not call filter for it.
   */
  skips?(pod: Pod): boolean;
}
