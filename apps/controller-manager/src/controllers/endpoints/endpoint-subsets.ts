import type { EndpointAddressDto, EndpointPortDto, EndpointSubsetDto, Pod, Service } from '#api';
import { findPort, isPodReady, podReference, shouldPodBeInEndpoints } from './pod-endpoints.js';

interface Member {
  address: EndpointAddressDto;
  ready: boolean;
  ports: EndpointPortDto[];
}

/**
 * The subsets of a Service's v1 Endpoints, as the endpoints controller computes them: each
 * selected pod with an IP under every port it resolves (a named targetPort its containers
 * lack leaves it out of that port), ready or not ready (everything counts as ready with
 * publishNotReadyAddresses), then repacked so that addresses with the same ports share a subset.
 */
export function endpointSubsets(svc: Service, pods: Pod[]): EndpointSubsetDto[] {
  const publishNotReady = svc.spec?.publishNotReadyAddresses === true;
  const members: Member[] = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const address: EndpointAddressDto = {
      ip: pod.status!.podIP!,
      ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
      targetRef: podReference(pod),
    };
    if (pod.spec?.hostname && pod.spec.subdomain === svc.metadata.name) address.hostname = pod.spec.hostname;
    const ports: EndpointPortDto[] = [];
    for (const servicePort of svc.spec?.ports ?? []) {
      const port = findPort(pod, servicePort);
      if (port === undefined) continue;
      ports.push({
        ...(servicePort.name ? { name: servicePort.name } : {}),
        port,
        protocol: servicePort.protocol ?? 'TCP',
        ...(servicePort.appProtocol ? { appProtocol: servicePort.appProtocol } : {}),
      });
    }
    // A pod that resolves none of several ports serves nothing; a Service without ports (headless) lists bare addresses.
    if (ports.length === 0 && (svc.spec?.ports ?? []).length > 0) continue;
    members.push({ address, ready: publishNotReady || isPodReady(pod), ports });
  }
  return repack(members);
}

/** RepackSubsets: one subset per distinct port list, addresses and ports in a stable order. */
function repack(members: Member[]): EndpointSubsetDto[] {
  const groups = new Map<
    string,
    { ports: EndpointPortDto[]; ready: EndpointAddressDto[]; notReady: EndpointAddressDto[] }
  >();
  for (const member of members) {
    const ports = [...member.ports].sort(comparePorts);
    const key = JSON.stringify(ports);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { ports, ready: [], notReady: [] }));
    (member.ready ? group.ready : group.notReady).push(member.address);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, g]) => ({
      ...(g.ready.length ? { addresses: g.ready.sort(compareAddresses) } : {}),
      ...(g.notReady.length ? { notReadyAddresses: g.notReady.sort(compareAddresses) } : {}),
      ...(g.ports.length ? { ports: g.ports } : {}),
    }));
}

function comparePorts(a: EndpointPortDto, b: EndpointPortDto): number {
  return (
    (a.name ?? '').localeCompare(b.name ?? '') || a.port - b.port || (a.protocol ?? '').localeCompare(b.protocol ?? '')
  );
}

function compareAddresses(a: EndpointAddressDto, b: EndpointAddressDto): number {
  return (
    a.ip.localeCompare(b.ip, 'en', { numeric: true }) ||
    (a.targetRef?.name ?? '').localeCompare(b.targetRef?.name ?? '')
  );
}
