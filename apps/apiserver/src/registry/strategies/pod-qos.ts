import type { KubeObject } from '#api';

interface ContainerResources {
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
}

const COMPUTE = ['cpu', 'memory'];

/**
 * Kubernetes' QoS class: Guaranteed when every container limits and requests cpu and
 * memory equally, BestEffort when none requests or limits anything, else Burstable.
 */
export function qosClassOf(pod: KubeObject): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const spec = (pod.spec ?? {}) as { containers?: ContainerResources[]; initContainers?: ContainerResources[] };
  const containers = [...(spec.containers ?? []), ...(spec.initContainers ?? [])];
  let anySet = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const requests = c.resources?.requests ?? {};
    const limits = c.resources?.limits ?? {};
    for (const name of COMPUTE) {
      if (requests[name] !== undefined || limits[name] !== undefined) anySet = true;
      const request = requests[name] ?? limits[name];
      if (limits[name] === undefined || String(request) !== String(limits[name])) guaranteed = false;
    }
  }
  if (!anySet) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}
