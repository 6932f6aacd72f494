import type { Pod } from '#api';
import type { FilterPlugin } from '../filter-plugin.js';
import type { FilterStatus } from '../filter-status.js';
import type { NodeInfo } from '../node-info.js';
import { podToleratesTaint } from '../toleration.js';
import { unresolvable } from '../unschedulable.js';

export const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };
export const ERR_NODE_UNSCHEDULABLE = 'node(s) were unschedulable';

/** A cordoned node (spec.unschedulable) takes only pods tolerating the unschedulable taint. */
export class NodeUnschedulable implements FilterPlugin {
  readonly name = 'NodeUnschedulable';

  filter(pod: Pod, node: NodeInfo): FilterStatus | undefined {
    if (!node.unschedulable || podToleratesTaint(pod, UNSCHEDULABLE_TAINT)) return undefined;
    return unresolvable(this.name, ERR_NODE_UNSCHEDULABLE);
  }
}
