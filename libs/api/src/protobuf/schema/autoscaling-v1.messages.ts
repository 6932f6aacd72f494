import type { MessageTable } from './message-table.js';

/** Messages of autoscaling/v1 (k8s.io.api.autoscaling.v1); the notation is described in message-table.ts. */
export const AUTOSCALING_V1_MESSAGES: MessageTable = {
  Scale: 'metadata=1:ObjectMeta spec=2:ScaleSpec status=3:ScaleStatus',
  // Go has omitempty here, but scaling to zero must reach the handler as replicas: 0.
  ScaleSpec: 'replicas=1:int32!',
  ScaleStatus: 'replicas=1:int32! selector=2',
};
