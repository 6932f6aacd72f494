import type { EndpointDto, EndpointSlicePortDto, Pod, Service } from '#api';
import {
  findPort,
  isPodReady,
  isTerminating,
  podReference,
  shouldPodBeInEndpoints,
} from '../endpoints/pod-endpoints.js';

/** --max-endpoints-per-slice default. */
export const MAX_ENDPOINTS_PER_SLICE = 100;

/** The content of one EndpointSlice: its ports and endpoints (names are the reconciler's). */
export interface SliceContent {
  ports: EndpointSlicePortDto[];
  endpoints: EndpointDto[];
}

/**
 * The EndpointSlices a Service should have, as the EndpointSlice controller computes them:
 * every selected pod with an IP (terminating ones too, flagged), grouped by the ports it
 * resolves, at most `maxPerSlice` endpoints a slice. No endpoint at all: one empty slice
 * (Kubernetes' placeholder), so consumers can tell "no endpoints" from "not computed yet".
 */
export function desiredSlices(svc: Service, pods: Pod[], maxPerSlice = MAX_ENDPOINTS_PER_SLICE): SliceContent[] {
  const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
  const groups = new Map<string, SliceContent>();
  const sorted = [...pods].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
  for (const pod of sorted) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports: EndpointSlicePortDto[] = [];
    for (const servicePort of svc.spec?.ports ?? []) {
      const port = findPort(pod, servicePort);
      if (port === undefined) continue;
      ports.push({
        name: servicePort.name ?? '',
        port,
        protocol: servicePort.protocol ?? 'TCP',
        ...(servicePort.appProtocol ? { appProtocol: servicePort.appProtocol } : {}),
      });
    }
    if (ports.length === 0 && (svc.spec?.ports ?? []).length > 0) continue;
    const key = JSON.stringify(ports);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { ports, endpoints: [] }));
    const terminating = isTerminating(pod);
    const ready = isPodReady(pod);
    group.endpoints.push({
      addresses: [pod.status!.podIP!],
      conditions: { ready: publishNotReady || (ready && !terminating), serving: publishNotReady || ready, terminating },
      ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
      targetRef: podReference(pod),
      ...(pod.spec?.hostname && pod.spec.subdomain === svc.metadata.name ? { hostname: pod.spec.hostname } : {}),
    });
  }
  const slices: SliceContent[] = [];
  for (const key of [...groups.keys()].sort()) {
    const group = groups.get(key)!;
    for (let i = 0; i < group.endpoints.length; i += maxPerSlice) {
      slices.push({ ports: group.ports, endpoints: group.endpoints.slice(i, i + maxPerSlice) });
    }
  }
  return slices.length > 0 ? slices : [{ ports: [], endpoints: [] }];
}
