import type { Pod } from '#api';
import type { FilterPlugin } from '../filter-plugin.js';
import type { FilterStatus } from '../filter-status.js';
import type { NodeInfo } from '../node-info.js';
import { podInfoOf, type PodInfo } from '../pod-info.js';
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
    const info = podInfoOf(pod);
    // Run for every node of every cycle: check first, build reasons only for a node that fails.
    if (node.podCount + 1 <= node.allowedPodNumber && fitsAll(info, node)) return undefined;
    const reasons = node.podCount + 1 > node.allowedPodNumber ? [ERR_TOO_MANY_PODS] : [];
    // cpu and memory first, in Kubernetes' order, then any other resource by name.
    for (const name of info.requestedNames) if (!fits(info, node, name)) reasons.push(`Insufficient ${name}`);
    return unschedulable(this.name, ...reasons);
  }
}

function fitsAll(pod: PodInfo, node: NodeInfo): boolean {
  const wanted = pod.requests;
  const { allocatable, requested } = node;
  if (wanted.milliCpu > 0 && allocatable.milliCpu < wanted.milliCpu + requested.milliCpu) return false;
  if (wanted.memory > 0 && allocatable.memory < wanted.memory + requested.memory) return false;
  if (wanted.scalar.size === 0) return true;
  for (const name of pod.requestedNames) if (!fits(pod, node, name)) return false;
  return true;
}

function fits(pod: PodInfo, node: NodeInfo, name: string): boolean {
  return node.allocatable.get(name) >= pod.requests.get(name) + node.requested.get(name);
}
