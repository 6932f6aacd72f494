import type { Pod, Service, ServicePort } from '#api';

/** The labels and annotation Kubernetes' endpoint controllers put on what they write. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';
export const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';

/** A Service whose selector selects pods: Services without one keep the Endpoints users write. */
export function selectsPods(svc: Service): boolean {
  return Object.keys(svc.spec?.selector ?? {}).length > 0;
}

/** A Service selects a pod of its namespace whose labels carry every selector pair. */
export function selects(svc: Service, pod: Pod): boolean {
  if (!selectsPods(svc) || svc.metadata.namespace !== pod.metadata.namespace) return false;
  const labels = pod.metadata.labels ?? {};
  return Object.entries(svc.spec!.selector!).every(([k, v]) => labels[k] === v);
}

export function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

export function isTerminating(pod: Pod): boolean {
  return Boolean(pod.metadata.deletionTimestamp);
}

/**
 * ShouldPodBeInEndpoints: a pod with an IP that has not finished for good; terminating pods
 * only when asked for (the EndpointSlice controller always, Endpoints with publishNotReadyAddresses).
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const restartPolicy = pod.spec?.restartPolicy ?? 'Always';
  const phase = pod.status?.phase;
  if (restartPolicy === 'Never' && (phase === 'Failed' || phase === 'Succeeded')) return false;
  if (restartPolicy === 'OnFailure' && phase === 'Succeeded') return false;
  if (!pod.status?.podIP) return false;
  return includeTerminating || !isTerminating(pod);
}

/**
 * FindPort: a numeric targetPort as is; a named one is the container port of that name and
 * protocol, and a pod without it is left out of that port (undefined).
 */
export function findPort(pod: Pod, port: ServicePort): number | undefined {
  const target = port.targetPort ?? port.port;
  if (typeof target === 'number') return target;
  const protocol = port.protocol ?? 'TCP';
  for (const container of pod.spec?.containers ?? []) {
    for (const p of container.ports ?? []) {
      if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
    }
  }
  return undefined;
}

/** The targetRef both controllers write. */
export function podReference(pod: Pod) {
  return { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid };
}

/** Service labels the endpoint objects carry, plus the headless marker (as Kubernetes copies them). */
export function inheritedLabels(svc: Service): Record<string, string> {
  const labels = { ...svc.metadata.labels };
  if (svc.spec?.clusterIP === 'None') labels[HEADLESS_LABEL] = '';
  return labels;
}
