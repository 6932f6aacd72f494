/**
 * Redis key names. Every key carries the hash tag {kubenest} so that all of them hash to
 * one Redis Cluster slot and a Lua script may touch several (bullmq#459).
 */
export const StoreKeys = {
  /** Cluster-wide resourceVersion counter. */
  resourceVersion: '{kubenest}:rv',
  /** Stream of every change; entry ID <rv>-0. */
  changes: '{kubenest}:changes',
  /** Sorted set of expiry deadlines (epoch ms), members <resource>/<ns>/<name>. */
  expiry: '{kubenest}:expiry',
  /** Hash {obj, rv, uid} of one object. */
  object: (resource: string, namespace: string, name: string) => `{kubenest}:o:${resource}:${namespace}/${name}`,
  /** Sorted set (score 0) of <ns>/<name> members, listed in order with ZRANGEBYLEX. */
  index: (resource: string) => `{kubenest}:i:${resource}`,
  /** Bitmap of an allocation pool: bit <offset> set while the value is held. */
  allocationBits: (pool: string) => `{kubenest}:a:${pool}:bits`,
  /** Hash offset -> "<resource>/<ns>/<name>" of the object holding it. */
  allocationOwners: (pool: string) => `{kubenest}:a:${pool}:owners`,
} as const;
