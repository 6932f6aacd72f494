import { ApiError, type KubeObject } from '#api';

/** Kubernetes' annotation naming the container kubectl logs/exec use when none is given. */
const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

/**
 * The container a logs/exec/attach request is about, as kube-apiserver decides it: the one
 * named; else the only one; else the default-container annotation; else a 400 listing them.
 */
export function containerOf(pod: KubeObject, requested: string | null): string {
  const spec = (pod.spec ?? {}) as { containers?: { name: string }[]; initContainers?: { name: string }[] };
  const containers = (spec.containers ?? []).map((c) => c.name);
  const inits = (spec.initContainers ?? []).map((c) => c.name);
  const name = pod.metadata.name;
  if (requested) {
    if (containers.includes(requested) || inits.includes(requested)) return requested;
    throw ApiError.badRequest(`container ${requested} is not valid for pod ${name}`);
  }
  if (containers.length === 1) return containers[0];
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated && containers.includes(annotated)) return annotated;
  const choices = `choose one of: [${containers.join(' ')}]${inits.length ? ` or one of the init containers: [${inits.join(' ')}]` : ''}`;
  throw ApiError.badRequest(`a container name must be specified for pod ${name}, ${choices}`);
}
