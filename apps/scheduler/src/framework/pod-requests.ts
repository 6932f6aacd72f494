import type { Container, Pod } from '#api';
import { CPU, MEMORY, type ResourceList } from './resource-list.js';
import { addInto, maxInto, toResourceList } from './resource-math.js';

/** kube-scheduler's defaults for a container without requests, used for scoring only. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export interface PodRequestOptions {
  /**
   * Scoring counts a container with no cpu/memory request as 100m/200Mi, so BestEffort pods
   * still spread; fitting counts what is requested, which may be 0 (resource_allocation.go).
   */
  nonZero?: boolean;
}

/**
 * The resources a pod needs on its node: the sum over app containers, or the largest init
 * container if that is more (per resource), plus the pod overhead.
 * Example: containers 200m + 300m, init container 1 cpu -> 1000m; init 400m -> 500m.
 */
export function podRequests(pod: Pod, options: PodRequestOptions = {}): ResourceList {
  const spec = pod.spec;
  const sum: ResourceList = {};
  for (const c of spec?.containers ?? []) addInto(sum, containerRequests(c, options));
  for (const c of spec?.initContainers ?? []) maxInto(sum, containerRequests(c, options));
  return addInto(sum, toResourceList(spec?.overhead));
}

function containerRequests(container: Container, { nonZero }: PodRequestOptions): ResourceList {
  const requests = toResourceList(container.resources?.requests);
  if (nonZero) {
    requests[CPU] ||= DEFAULT_MILLI_CPU_REQUEST;
    requests[MEMORY] ||= DEFAULT_MEMORY_REQUEST;
  }
  return requests;
}
