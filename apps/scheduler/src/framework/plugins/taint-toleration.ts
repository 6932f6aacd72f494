import type { Pod } from '#api';
import type { FilterPlugin } from '../filter-plugin.js';
import type { FilterStatus } from '../filter-status.js';
import type { NodeInfo } from '../node-info.js';
import { describeTaint, podToleratesTaint } from '../toleration.js';
import { unresolvable } from '../unschedulable.js';

/** PreferNoSchedule only lowers a node's appeal; it never filters. */
const FILTERING_EFFECTS = new Set(['NoSchedule', 'NoExecute']);

/** The first NoSchedule/NoExecute taint the pod does not tolerate rejects the node. */
export class TaintToleration implements FilterPlugin {
  readonly name = 'TaintToleration';

  filter(pod: Pod, node: NodeInfo): FilterStatus | undefined {
    if (node.taints.length === 0) return undefined;
    const taint = node.taints.find((t) => FILTERING_EFFECTS.has(t.effect) && !podToleratesTaint(pod, t));
    return taint ? unresolvable(this.name, `node(s) had untolerated taint ${describeTaint(taint)}`) : undefined;
  }
}
