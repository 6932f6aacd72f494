/** Below this many nodes every node is filtered and scored (minFeasibleNodesToFind). */
const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/**
 * kube-scheduler's percentageOfNodesToScore: in a large cluster a cycle stops filtering once
 * it has found enough feasible nodes, and the next cycle starts where this one stopped, so
 * every node gets its turn. Unset, the share adapts to the cluster: 50% - 1% per 125 nodes,
 * at least 5% and at least 100 nodes. Example: 1,000 nodes -> 42% -> 420 feasible nodes are
 * enough; 5,000 nodes -> 10% -> 500.
 */
export class NodeSampling {
  private nextStart = 0;

  constructor(private readonly percentageOfNodesToScore?: number) {
    if (percentageOfNodesToScore !== undefined && !(percentageOfNodesToScore > 0 && percentageOfNodesToScore <= 100)) {
      throw new Error(`percentageOfNodesToScore must be in (0, 100], not ${percentageOfNodesToScore}`);
    }
  }

  numFeasibleNodesToFind(numAllNodes: number): number {
    if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
    const percentage =
      this.percentageOfNodesToScore ??
      Math.max(MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND, 50 - Math.floor(numAllNodes / 125));
    return Math.max(MIN_FEASIBLE_NODES_TO_FIND, Math.floor((numAllNodes * percentage) / 100));
  }

  /** Where the next cycle starts in a list of `numAllNodes`. */
  start(numAllNodes: number): number {
    return numAllNodes === 0 ? 0 : this.nextStart % numAllNodes;
  }

  /** A cycle looked at `processed` nodes from start(): the next one begins after them. */
  advance(numAllNodes: number, processed: number): void {
    this.nextStart = numAllNodes === 0 ? 0 : (this.start(numAllNodes) + processed) % numAllNodes;
  }
}
