import type { Pod } from '#api';
import type { FilterPlugin } from '../filter-plugin.js';
import type { FilterStatus } from '../filter-status.js';
import type { NodeInfo } from '../node-info.js';
import { nodeMatchesTerm } from '../node-selector-term.js';
import { podInfoOf } from '../pod-info.js';
import { unresolvable } from '../unschedulable.js';

export const ERR_NODE_AFFINITY = "node(s) didn't match Pod's node affinity/selector";

/**
 * spec.nodeSelector (every label equal) AND the required node affinity (any of its
 * nodeSelectorTerms). Preferred terms are for scoring and do not filter.
 */
export class NodeAffinity implements FilterPlugin {
  readonly name = 'NodeAffinity';

  skips(pod: Pod): boolean {
    return !requiredAffinity(pod) && podInfoOf(pod).nodeSelector.length === 0;
  }

  filter(pod: Pod, node: NodeInfo): FilterStatus | undefined {
    const required = requiredAffinity(pod);
    const labels = node.node.metadata.labels ?? {};
    const selectorOk = podInfoOf(pod).nodeSelector.every(([k, v]) => labels[k] === v);
    const affinityOk = !required || required.nodeSelectorTerms.some((term) => nodeMatchesTerm(node.node, term));
    return selectorOk && affinityOk ? undefined : unresolvable(this.name, ERR_NODE_AFFINITY);
  }
}

function requiredAffinity(pod: Pod) {
  return pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
}
