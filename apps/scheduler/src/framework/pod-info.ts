import type { Pod } from '#api';
import { podHostPorts, type HostPort } from './host-port.js';
import { podRequests } from './pod-requests.js';
import { Resource } from './resource.js';
import { CPU, MEMORY } from './resource-list.js';

/**
 * What the scheduler needs from a pod, parsed once: kube-scheduler's PodInfo. Quantity
 * strings ("500m", "1Gi") parse into exact BigInt units, far too slowly to redo for every
 * node in every cycle.
 */
export interface PodInfo {
  readonly requests: Resource;
  /** The resources the pod requests a non-zero amount of: cpu, memory, then the rest by name (Fit's order). */
  readonly requestedNames: readonly string[];
  /** Requests as scoring counts them (BestEffort containers as 100m / 200Mi). */
  readonly nonZeroRequests: Resource;
  readonly hostPorts: readonly HostPort[];
  /** `<namespace>/<controller uid>` for spreading siblings; undefined without a controller. */
  readonly controllerKey?: string;
  /** spec.nodeSelector as [label, value] pairs. */
  readonly nodeSelector: readonly (readonly [string, string])[];
}

/**
 * Keyed by the object: an informer hands out a new, never-mutated object for every
 * resourceVersion, so one entry per pod uid and resourceVersion, dropped with the object.
 */
const infos = new WeakMap<Pod, PodInfo>();
/** A cycle asks for its pod's info once per plugin and node: the last answer is kept at hand. */
let lastPod: Pod | undefined;
let lastInfo: PodInfo | undefined;

export function podInfoOf(pod: Pod): PodInfo {
  if (pod === lastPod && lastInfo) return lastInfo;
  let info = infos.get(pod);
  if (!info) {
    const controller = pod.metadata.ownerReferences?.find((r) => r.controller);
    const requests = podRequests(pod);
    const others = Object.keys(requests)
      .filter((n) => n !== CPU && n !== MEMORY)
      .sort();
    info = {
      requests: Resource.of(requests),
      requestedNames: [CPU, MEMORY, ...others].filter((n) => (requests[n] ?? 0) !== 0),
      nonZeroRequests: Resource.of(podRequests(pod, { nonZero: true })),
      hostPorts: podHostPorts(pod),
      controllerKey: controller ? `${pod.metadata.namespace ?? ''}/${controller.uid}` : undefined,
      nodeSelector: Object.entries(pod.spec?.nodeSelector ?? {}),
    };
    infos.set(pod, info);
  }
  lastPod = pod;
  lastInfo = info;
  return info;
}
