import type { Pod } from '#api';
import type { FilterPlugin } from '../filter-plugin.js';
import type { FilterStatus } from '../filter-status.js';
import type { NodeInfo } from '../node-info.js';
import { unresolvable } from '../unschedulable.js';

export const ERR_NODE_NAME = "node(s) didn't match the requested node name";

/** A pod naming its node in spec.nodeName fits that node only. */
export class NodeName implements FilterPlugin {
  readonly name = 'NodeName';

  skips(pod: Pod): boolean {
    return !pod.spec?.nodeName;
  }

  filter(pod: Pod, node: NodeInfo): FilterStatus | undefined {
    const wanted = pod.spec?.nodeName;
    return !wanted || wanted === node.name ? undefined : unresolvable(this.name, ERR_NODE_NAME);
  }
}
