import { BUILTIN_RESOURCES, type ResourceType } from '#api';

const find = (group: string, resource: string): ResourceType =>
  BUILTIN_RESOURCES.find((t) => t.group === group && t.resource === resource)!;

/** The kinds the node lifecycle controller reads and writes. */
export const NodeLifecycleResources = {
  nodes: find('', 'nodes'),
  pods: find('', 'pods'),
  leases: find('coordination.k8s.io', 'leases'),
  /** Where node agents renew a Lease named after their node. */
  leaseNamespace: 'kube-node-lease',
} as const;
