import type { Pod } from '#api';
import type { NodeInfo } from '../node-info.js';
import { podInfoOf } from '../pod-info.js';
import { MAX_NODE_SCORE, type ScorePlugin } from '../score-plugin.js';

/**
 * NodeResourcesBalancedAllocation: prefers nodes whose cpu and memory fill evenly, so one
 * resource is not exhausted while the other idles. Score (1 - std dev of the fractions)*100;
 * for two resources the std dev is |cpu - mem| / 2. Example: cpu 60 %, memory 20 % -> 80.
 */
export class NodeResourcesBalancedAllocation implements ScorePlugin {
  readonly name = 'NodeResourcesBalancedAllocation';

  constructor(readonly weight = 1) {}

  score(pod: Pod, node: NodeInfo): number {
    const requests = podInfoOf(pod).nonZeroRequests;
    const { allocatable, nonZeroRequested } = node;
    const cpu = usedShare(allocatable.milliCpu, nonZeroRequested.milliCpu + requests.milliCpu);
    const memory = usedShare(allocatable.memory, nonZeroRequested.memory + requests.memory);
    return Math.floor((1 - Math.abs(cpu - memory) / 2) * MAX_NODE_SCORE);
  }
}

function usedShare(capacity: number, used: number): number {
  return capacity === 0 ? 1 : Math.min(1, used / capacity);
}
