/** Taint keys of node conditions, as in k8s.io/api/core/v1 well_known_taints.go. */
export const NodeTaintKey = {
  unreachable: 'node.kubernetes.io/unreachable',
  notReady: 'node.kubernetes.io/not-ready',
} as const;
