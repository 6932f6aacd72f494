/**
 * Labels every runtime puts on what it runs, named as dockershim named them, so that a
 * restarted agent (and `docker ps --filter label=...`) finds a pod's sandbox and containers.
 */
export const RuntimeLabels = {
  podUid: 'io.kubernetes.pod.uid',
  podName: 'io.kubernetes.pod.name',
  podNamespace: 'io.kubernetes.pod.namespace',
  containerName: 'io.kubernetes.container.name',
  /** "podsandbox" or "container". */
  kind: 'io.kubernetes.docker.type',
  sandboxId: 'io.kubernetes.sandbox.id',
  /** On a Docker sandbox the runtime wired itself (NetworkMode none): its pod IP, for adoption and leftover clean-up. */
  podIP: 'io.kubenest.pod-ip',
} as const;
