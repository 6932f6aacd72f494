/**
 * Redis keys of the capacity ledger. The {kubenest} hash tag is the store's: every key
 * lives in one Redis Cluster slot, so a script may touch any of them.
 */
export const LedgerKeys = {
  capacity: (node: string) => `{kubenest}:sched:cap:${node}`,
  reservations: (node: string) => `{kubenest}:sched:res:${node}`,
  podNode: '{kubenest}:sched:pod-node',
  nodes: '{kubenest}:sched:nodes',
} as const;
