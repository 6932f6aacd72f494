import type { MessageTable } from './message-table.js';

/** Messages of coordination.k8s.io/v1 (k8s.io.api.coordination.v1); the notation is described in message-table.ts. */
export const COORDINATION_V1_MESSAGES: MessageTable = {
  Lease: 'metadata=1:ObjectMeta spec=2:LeaseSpec',
  LeaseSpec:
    'holderIdentity=1! leaseDurationSeconds=2:int32! acquireTime=3:MicroTime renewTime=4:MicroTime leaseTransitions=5:int32! strategy=6! preferredHolder=7!',
};
