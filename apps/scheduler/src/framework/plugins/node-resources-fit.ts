import type { Pod } from '#api';
import type { FilterPlugin } from '../filter-plugin.js';
import type { FilterStatus } from '../filter-status.js';
import type { NodeInfo } from '../node-info.js';
import { podInfoOf } from '../pod-info.js';
import { unschedulable } from '../unschedulable.js';

export const ERR_TOO_MANY_PODS = 'Too many pods';

/**
 * Like noderesources.Fit: the pod count always, then every requested resource against
 * allocatable minus what the node's pods request; every shortage is a reason of its own
 * ("Too many pods", "Insufficient cpu", "Insufficient memory", "Insufficient <name>").
 */
export class NodeResourcesFit implements FilterPlugin {
  readonly name = 'NodeResourcesFit';

  filter(pod: Pod, node: NodeInfo): FilterStatus | undefined {
    const reasons: string[] = [];
    if (node.podCount + 1 > node.allowedPodNumber) reasons.push(ERR_TOO_MANY_PODS);
    const { requests, requestedNames } = podInfoOf(pod);
    // cpu and memory first, in Kubernetes' order, then any other resource by name.
    for (const name of requestedNames) {
      const wanted = requests[name];
      if ((node.allocatable[name] ?? 0) < wanted + (node.requested[name] ?? 0)) reasons.push(`Insufficient ${name}`);
    }
    return reasons.length ? unschedulable(this.name, ...reasons) : undefined;
  }
}
