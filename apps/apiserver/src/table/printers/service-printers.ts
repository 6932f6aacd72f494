import { formatLabels } from '../format.js';
import { age } from '../human-duration.js';
import { AGE_COLUMN, column, NAME_COLUMN, type TablePrinter } from '../table-types.js';

interface Service {
  metadata: { name?: string; creationTimestamp?: string };
  spec?: {
    type?: string;
    clusterIP?: string;
    clusterIPs?: string[];
    externalIPs?: string[];
    externalName?: string;
    selector?: Record<string, string>;
    ports?: { port: number; nodePort?: number; protocol?: string }[];
  };
  status?: { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } };
}

/** printers.go getServiceExternalIP; LoadBalancer addresses are clipped to 16 characters. */
function externalIP(svc: Service): string {
  const external = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type ?? 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return external.length ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress = [
        ...new Set((svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip || i.hostname || '').filter(Boolean)),
      ].sort();
      let lb = ingress.join(',');
      if (lb.length > 16) lb = `${lb.slice(0, 13)}...`;
      const all = [...(lb ? lb.split(',') : []), ...external];
      return all.length ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return svc.spec?.externalName ?? '';
    default:
      return '<unknown>';
  }
}

function ports(svc: Service): string {
  const text = (svc.spec?.ports ?? [])
    .map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`))
    .join(',');
  return text || '<none>';
}

export const servicePrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Type', 'How the Service is exposed.'),
    column('Cluster-IP', 'The IP address of the service, assigned by the master.'),
    column('External-IP', 'IP addresses for which nodes in the cluster also accept traffic for this service.'),
    column('Port(s)', 'The list of ports that are exposed by this service.'),
    AGE_COLUMN,
    column('Selector', 'Route service traffic to pods with label keys and values matching this selector.', {
      priority: 1,
    }),
  ],
  cells(svc: Service, now) {
    return [
      svc.metadata.name,
      svc.spec?.type ?? 'ClusterIP',
      svc.spec?.clusterIPs?.[0] || svc.spec?.clusterIP || '<none>',
      externalIP(svc),
      ports(svc),
      age(svc.metadata.creationTimestamp, now),
      formatLabels(svc.spec?.selector),
    ];
  },
};

interface Endpoints {
  metadata: { name?: string; creationTimestamp?: string };
  subsets?: { addresses?: { ip: string }[]; ports?: { port: number }[] }[];
}

/** printers.go formatEndpoints: at most three ip:port pairs, then "+ N more...". */
export function formatEndpoints(ep: Endpoints): string {
  if (!ep.subsets?.length) return '<none>';
  const shown: string[] = [];
  let count = 0;
  const MAX = 3;
  for (const subset of ep.subsets) {
    const addresses = subset.addresses ?? [];
    const targets = subset.ports?.length
      ? subset.ports.flatMap((p) => addresses.map((a) => hostPort(a.ip, p.port)))
      : addresses.map((a) => a.ip);
    count += targets.length;
    for (const t of targets) if (shown.length < MAX) shown.push(t);
  }
  return count > MAX ? `${shown.join(',')} + ${count - MAX} more...` : shown.join(',');
}

function hostPort(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

export const endpointsPrinter: TablePrinter = {
  columns: [NAME_COLUMN, column('Endpoints', 'The set of all endpoints is the union of all subsets.'), AGE_COLUMN],
  cells(ep: Endpoints, now) {
    return [ep.metadata.name, formatEndpoints(ep), age(ep.metadata.creationTimestamp, now)];
  },
};

interface EndpointSlice {
  metadata: { name?: string; creationTimestamp?: string };
  addressType?: string;
  endpoints?: { addresses?: string[] }[];
  ports?: { name?: string; port?: number }[];
}

/** printers.go listWithMoreString: the first three, then "+ N more..."; "<unset>" for none. */
function listWithMore(items: string[]): string {
  const MAX = 3;
  const shown = items.slice(0, MAX).join(',');
  if (items.length > MAX) return `${shown} + ${items.length - MAX} more...`;
  return shown || '<unset>';
}

/** printEndpointSlice: ports by number (name, or "*" when neither is set) and endpoint addresses. */
export const endpointSlicePrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('AddressType', 'Type of address carried by this EndpointSlice.'),
    column('Ports', 'Network ports exposed by the endpoints.'),
    column('Endpoints', 'Endpoints in this EndpointSlice.'),
    AGE_COLUMN,
  ],
  cells(slice: EndpointSlice, now) {
    return [
      slice.metadata.name,
      slice.addressType ?? '',
      listWithMore((slice.ports ?? []).map((p) => (p.port !== undefined ? String(p.port) : (p.name ?? '*')))),
      listWithMore((slice.endpoints ?? []).flatMap((e) => e.addresses ?? [])),
      age(slice.metadata.creationTimestamp, now),
    ];
  },
};
