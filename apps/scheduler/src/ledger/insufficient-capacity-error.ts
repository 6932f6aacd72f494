/** reserve.lua code 3: the node has no room left for the pod, by the ledger's count. */
export class InsufficientCapacityError extends Error {
  constructor(
    readonly node: string,
    /** 'pods', 'cpu', 'memory' */
    readonly resources: string[],
  ) {
    super(`node ${node} has no room for the pod: ${resources.join(', ')}`);
    this.name = 'InsufficientCapacityError';
  }
}
