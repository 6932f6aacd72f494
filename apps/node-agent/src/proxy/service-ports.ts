import type { Endpoints, Service } from '#api';

export type Protocol = 'TCP' | 'UDP';

export interface Backend {
  ip: string;
  port: number;
}

/** One port of one Service, with the ready endpoints behind it: what the proxy programs. */
export interface ServicePortEntry {
  /** `<namespace>/<service>:<port name>`, as kube-proxy names a service port. */
  key: string;
  clusterIP?: string;
  port: number;
  protocol: Protocol;
  nodePort?: number;
  backends: Backend[];
  /** sessionAffinity ClientIP: seconds a client stays with its endpoint. */
  affinitySeconds?: number;
}

/** Kubernetes' default sessionAffinityConfig.clientIP.timeoutSeconds (3 hours). */
const DEFAULT_AFFINITY_SECONDS = 10_800;

/**
 * The service ports of a Service and its Endpoints. Only `addresses` (ready endpoints) are
 * used, as kube-proxy does; Endpoints ports are matched to service ports by name, which is
 * how the endpoints controller writes them. Headless and ExternalName services have no
 * virtual IP and are left to DNS.
 */
export function servicePorts(service: Service, endpoints: Endpoints | undefined): ServicePortEntry[] {
  const spec = service.spec ?? {};
  if (spec.type === 'ExternalName') return [];
  const clusterIP = spec.clusterIP && spec.clusterIP !== 'None' ? spec.clusterIP : undefined;
  const exposed = clusterIP || spec.type === 'NodePort' || spec.type === 'LoadBalancer';
  if (!exposed) return [];
  const affinity = spec.sessionAffinity === 'ClientIP' ? affinitySeconds(service) : undefined;
  return (spec.ports ?? [])
    .filter((port) => port.protocol === undefined || port.protocol === 'TCP' || port.protocol === 'UDP')
    .map((port) => {
      const protocol = (port.protocol ?? 'TCP') as Protocol;
      const name = port.name ?? '';
      return {
        key: `${service.metadata.namespace ?? 'default'}/${service.metadata.name}:${name}`,
        clusterIP,
        port: port.port,
        protocol,
        nodePort: spec.type === 'NodePort' || spec.type === 'LoadBalancer' ? port.nodePort : undefined,
        backends: readyBackends(endpoints, name, protocol),
        affinitySeconds: affinity,
      };
    });
}

function readyBackends(endpoints: Endpoints | undefined, portName: string, protocol: Protocol): Backend[] {
  const backends: Backend[] = [];
  for (const subset of endpoints?.subsets ?? []) {
    const port = (subset.ports ?? []).find(
      (candidate) => (candidate.name ?? '') === portName && (candidate.protocol ?? 'TCP') === protocol,
    );
    if (!port) continue;
    for (const address of subset.addresses ?? []) backends.push({ ip: address.ip, port: port.port });
  }
  // A stable order keeps rule sets (and round-robin positions) unchanged when nothing changed.
  return backends.sort((a, b) => `${a.ip}:${a.port}`.localeCompare(`${b.ip}:${b.port}`));
}

function affinitySeconds(service: Service): number {
  const config = service.spec?.sessionAffinityConfig as { clientIP?: { timeoutSeconds?: number } } | undefined;
  return config?.clientIP?.timeoutSeconds ?? DEFAULT_AFFINITY_SECONDS;
}
