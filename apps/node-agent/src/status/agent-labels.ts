/**
 * Labels the agent adds to each container beside RuntimeLabels, as the kubelet keeps
 * io.kubernetes.container.restartCount on its containers: a restarted agent reads the
 * restart count and which spec slot a container fills from the runtime alone.
 */
export const AgentLabels = {
  restartCount: 'io.kubernetes.container.restartCount',
  /** "init" or "regular". */
  containerType: 'io.kubenest.container.type',
} as const;
