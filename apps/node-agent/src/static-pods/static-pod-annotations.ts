import type { Pod } from '#api';

/**
 * The annotations of static pods and their mirror pods. The kubernetes.io ones are the
 * kubelet's own (kubectl and tools recognise mirror pods by them); the kubenest.io ones carry
 * what `kubenest up` knows about the process it supervises for the pod.
 */
export const StaticPodAnnotations = {
  /** On mirror pods: the static pod's config hash; marks the pod as a mirror (read-only) pod. */
  mirror: 'kubernetes.io/config.mirror',
  /** The static pod's config hash. */
  hash: 'kubernetes.io/config.hash',
  /** Where the pod came from: "file" for manifests. */
  source: 'kubernetes.io/config.source',
  /** The pid of the process the pod stands for. */
  pid: 'kubenest.io/pid',
  /** An http(s) URL answering 2xx while the process is healthy, or unix://<redis socket> (PING). */
  healthUrl: 'kubenest.io/health-url',
} as const;

export function isMirrorPod(pod: Pod): boolean {
  return pod.metadata.annotations?.[StaticPodAnnotations.mirror] !== undefined;
}
