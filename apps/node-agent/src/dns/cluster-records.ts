import { isIPv4 } from 'node:net';
import type { Endpoints, Service } from '#api';

/** DNS response codes this server answers with. */
export const Rcode = { noError: 0, serverFailure: 2, nameError: 3, refused: 5 } as const;

export type ClusterRecord =
  | { type: 'A'; name: string; data: string }
  | { type: 'CNAME'; name: string; data: string }
  | { type: 'SRV'; name: string; data: { priority: number; weight: number; port: number; target: string } };

export interface ClusterAnswer {
  rcode: number;
  answers: ClusterRecord[];
  /** A records of SRV targets. */
  additionals: ClusterRecord[];
}

/** What the records are made of: the Services and Endpoints the agent watches. */
export interface ServiceLookup {
  service(namespace: string, name: string): Service | undefined;
  endpoints(namespace: string, name: string): Endpoints | undefined;
}

/**
 * Kubernetes' DNS-based service discovery specification, as CoreDNS's kubernetes plugin
 * serves it: `<svc>.<ns>.svc.<domain>` (A: the cluster IP, or every ready endpoint of a
 * headless service; CNAME for ExternalName), `<hostname>.<svc>.<ns>.svc.<domain>` for
 * headless endpoints, `_<port>._<proto>.<svc>.<ns>.svc.<domain>` SRV for named ports, and
 * `<a-b-c-d>.<ns>.pod.<domain>`. A name under the domain that matches nothing is NXDOMAIN;
 * a name that exists but has no record of the asked type is NOERROR with no answer.
 * Returns undefined for names outside the cluster domain.
 */
export function clusterAnswer(
  lookup: ServiceLookup,
  domain: string,
  qname: string,
  qtype: string,
): ClusterAnswer | undefined {
  const name = qname.toLowerCase().replace(/\.$/, '');
  if (name !== domain && !name.endsWith(`.${domain}`)) return undefined;
  const labels = name === domain ? [] : name.slice(0, -(domain.length + 1)).split('.');
  const records = lookupRecords(lookup, domain, labels);
  if (!records) return { rcode: Rcode.nameError, answers: [], additionals: [] };
  const cname = records.answers.find((record) => record.type === 'CNAME');
  const answers = cname ? [cname] : records.answers.filter((record) => record.type === qtype || qtype === 'ANY');
  return {
    rcode: Rcode.noError,
    answers,
    additionals: answers.some((record) => record.type === 'SRV') ? records.additionals : [],
  };
}

/** Every record the name has, or undefined when the name does not exist. */
function lookupRecords(
  lookup: ServiceLookup,
  domain: string,
  labels: string[],
): Omit<ClusterAnswer, 'rcode'> | undefined {
  const zone = labels.at(-1);
  const fqdn = (...parts: string[]) => [...parts, domain].join('.');
  if (zone === 'pod' && labels.length === 3) {
    const ip = labels[0].replaceAll('-', '.');
    return isIPv4(ip) ? { answers: [{ type: 'A', name: fqdn(...labels), data: ip }], additionals: [] } : undefined;
  }
  if (zone !== 'svc' || labels.length < 3) return undefined;
  const [namespace, serviceName] = [labels.at(-2)!, labels.at(-3)!];
  const service = lookup.service(namespace, serviceName);
  if (!service) return undefined;
  const spec = service.spec ?? {};
  const serviceName_ = fqdn(serviceName, namespace, 'svc');
  const headless = !spec.clusterIP || spec.clusterIP === 'None';
  const ready = headless ? readyAddresses(lookup.endpoints(namespace, serviceName)) : [];
  const endpointName = (address: { ip: string; hostname?: string }) =>
    fqdn(address.hostname ?? address.ip.replaceAll('.', '-'), serviceName, namespace, 'svc');
  if (labels.length === 3) {
    if (spec.type === 'ExternalName' && spec.externalName)
      return { answers: [{ type: 'CNAME', name: serviceName_, data: spec.externalName }], additionals: [] };
    const ips = headless ? ready.map((address) => address.ip) : [spec.clusterIP!];
    return { answers: ips.map((ip) => ({ type: 'A', name: serviceName_, data: ip })), additionals: [] };
  }
  if (labels.length === 4 && headless) {
    const found = ready.filter((address) => endpointName(address) === fqdn(...labels));
    if (found.length === 0) return undefined;
    return { answers: found.map((a) => ({ type: 'A', name: fqdn(...labels), data: a.ip })), additionals: [] };
  }
  if (labels.length === 5 && labels[0].startsWith('_') && labels[1].startsWith('_')) {
    const [portName, protocol] = [labels[0].slice(1), labels[1].slice(1).toUpperCase()];
    const port = (spec.ports ?? []).find((p) => p.name === portName && (p.protocol ?? 'TCP') === protocol);
    if (!port) return undefined;
    const srvName = fqdn(...labels);
    if (!headless) {
      return {
        answers: [
          { type: 'SRV', name: srvName, data: { priority: 0, weight: 100, port: port.port, target: serviceName_ } },
        ],
        additionals: [{ type: 'A', name: serviceName_, data: spec.clusterIP! }],
      };
    }
    const targetPort = (address: { port?: number }) => address.port ?? port.port;
    const endpointPorts = readyAddresses(lookup.endpoints(namespace, serviceName), portName);
    return {
      answers: endpointPorts.map((a) => ({
        type: 'SRV',
        name: srvName,
        data: { priority: 0, weight: 100, port: targetPort(a), target: endpointName(a) },
      })),
      additionals: endpointPorts.map((a) => ({ type: 'A', name: endpointName(a), data: a.ip })),
    };
  }
  return undefined;
}

/** Ready addresses, each with its port named `portName` when one is asked for. */
function readyAddresses(
  endpoints: Endpoints | undefined,
  portName?: string,
): { ip: string; hostname?: string; port?: number }[] {
  return (endpoints?.subsets ?? []).flatMap((subset) => {
    const port = portName === undefined ? undefined : subset.ports?.find((p) => p.name === portName);
    if (portName !== undefined && !port) return [];
    return (subset.addresses ?? []).map((address) => ({
      ip: address.ip,
      hostname: address.hostname,
      port: port?.port,
    }));
  });
}
