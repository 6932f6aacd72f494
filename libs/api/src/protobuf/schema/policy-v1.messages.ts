import type { MessageTable } from './message-table.js';

/** Messages of policy/v1 (k8s.io.api.policy.v1); the notation is described in message-table.ts. */
export const POLICY_V1_MESSAGES: MessageTable = {
  Eviction: 'metadata=1:ObjectMeta deleteOptions=2:DeleteOptions',
};
