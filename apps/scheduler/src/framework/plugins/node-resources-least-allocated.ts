import type { Pod } from '#api';
import type { NodeInfo } from '../node-info.js';
import { podInfoOf } from '../pod-info.js';
import { CPU, MEMORY, type ResourceList } from '../resource-list.js';
import { MAX_NODE_SCORE, type ScorePlugin } from '../score-plugin.js';

/**
 * NodeResourcesFit's LeastAllocated strategy: the share of cpu and memory left free once
 * the pod is placed, averaged. Counts BestEffort containers as 100m/200Mi so empty-request
 * pods still spread. Example: 1 cpu / 1Gi node running 500m / 256Mi, pod 100m / 256Mi:
 * cpu (1000-600)/1000 = 40, memory (1024-512)/1024 = 50, score 45.
 */
export class NodeResourcesLeastAllocated implements ScorePlugin {
  readonly name = 'NodeResourcesLeastAllocated';

  constructor(readonly weight = 1) {}

  score(pod: Pod, node: NodeInfo): number {
    const requests = podInfoOf(pod).nonZeroRequests;
    return Math.floor((freeShare(node, requests, CPU) + freeShare(node, requests, MEMORY)) / 2);
  }
}

function freeShare(node: NodeInfo, requests: ResourceList, name: string): number {
  const capacity = node.allocatable[name] ?? 0;
  const used = (node.nonZeroRequested[name] ?? 0) + (requests[name] ?? 0);
  return capacity === 0 || used > capacity ? 0 : ((capacity - used) * MAX_NODE_SCORE) / capacity;
}
