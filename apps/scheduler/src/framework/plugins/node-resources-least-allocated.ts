import type { Pod } from '#api';
import type { NodeInfo } from '../node-info.js';
import { podInfoOf } from '../pod-info.js';
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
    const { allocatable, nonZeroRequested } = node;
    const cpu = freeShare(allocatable.milliCpu, nonZeroRequested.milliCpu + requests.milliCpu);
    const memory = freeShare(allocatable.memory, nonZeroRequested.memory + requests.memory);
    return Math.floor((cpu + memory) / 2);
  }
}

function freeShare(capacity: number, used: number): number {
  return capacity === 0 || used > capacity ? 0 : ((capacity - used) * MAX_NODE_SCORE) / capacity;
}
