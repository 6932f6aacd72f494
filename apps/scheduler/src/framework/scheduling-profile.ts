import type { FilterPlugin } from './filter-plugin.js';
import { NodeAffinity } from './plugins/node-affinity.js';
import { NodeName } from './plugins/node-name.js';
import { NodePorts } from './plugins/node-ports.js';
import { NodeReady } from './plugins/node-ready.js';
import { NodeResourcesBalancedAllocation } from './plugins/node-resources-balanced-allocation.js';
import { NodeResourcesFit } from './plugins/node-resources-fit.js';
import { NodeResourcesLeastAllocated } from './plugins/node-resources-least-allocated.js';
import { NodeUnschedulable } from './plugins/node-unschedulable.js';
import { SelectorSpread } from './plugins/selector-spread.js';
import { TaintToleration } from './plugins/taint-toleration.js';
import type { ScorePlugin } from './score-plugin.js';

export interface SchedulingProfile {
  filters: FilterPlugin[];
  scores: ScorePlugin[];
}

/**
 * kube-scheduler's default filter order (a node reports only the first plugin that rejects
 * it, so order decides the message): NodeUnschedulable, NodeName, TaintToleration,
 * NodeAffinity, NodePorts, NodeResourcesFit; NodeReady sits beside TaintToleration as the
 * taints it stands in for would. Spreading weighs 2 like PodTopologySpread's default.
 */
export function defaultProfile(): SchedulingProfile {
  return {
    filters: [
      new NodeUnschedulable(),
      new NodeName(),
      new TaintToleration(),
      new NodeReady(),
      new NodeAffinity(),
      new NodePorts(),
      new NodeResourcesFit(),
    ],
    scores: [new NodeResourcesLeastAllocated(1), new NodeResourcesBalancedAllocation(1), new SelectorSpread(2)],
  };
}
