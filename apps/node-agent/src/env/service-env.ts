import type { Service } from '#api';

/** The Service the kubelet always links (its master service), even with enableServiceLinks: false. */
const MASTER_SERVICE = { namespace: 'default', name: 'kubernetes' };

/**
 * The Docker-links-style variables the kubelet gives every container for the Services that
 * exist when it starts: those of the pod's namespace (unless enableServiceLinks is false)
 * and the `kubernetes` Service of `default`. Only services with a cluster IP count.
 * `services` is every Service the agent knows.
 */
export function serviceEnv(services: Service[], namespace: string, enableServiceLinks: boolean): Map<string, string> {
  const linked = new Map<string, Service>();
  for (const service of services) {
    const ip = service.spec?.clusterIP;
    if (!ip || ip === 'None') continue;
    const ns = service.metadata.namespace ?? 'default';
    const name = service.metadata.name!;
    if (ns === MASTER_SERVICE.namespace && name === MASTER_SERVICE.name) {
      if (!linked.has(name)) linked.set(name, service);
    } else if (ns === namespace && enableServiceLinks) linked.set(name, service);
  }
  const env = new Map<string, string>();
  for (const service of [...linked.values()].sort((a, b) => a.metadata.name!.localeCompare(b.metadata.name!)))
    for (const [name, value] of variablesOf(service)) env.set(name, value);
  return env;
}

function variablesOf(service: Service): [string, string][] {
  const prefix = service.metadata.name!.toUpperCase().replaceAll('-', '_');
  const ip = service.spec!.clusterIP!;
  const ports = service.spec!.ports ?? [];
  const vars: [string, string][] = [[`${prefix}_SERVICE_HOST`, ip]];
  if (ports.length === 0) return vars;
  vars.push([`${prefix}_SERVICE_PORT`, String(ports[0].port)]);
  for (const port of ports)
    if (port.name)
      vars.push([`${prefix}_SERVICE_PORT_${port.name.toUpperCase().replaceAll('-', '_')}`, String(port.port)]);
  const url = (port: (typeof ports)[number]) => `${(port.protocol ?? 'TCP').toLowerCase()}://${ip}:${port.port}`;
  vars.push([`${prefix}_PORT`, url(ports[0])]);
  for (const port of ports) {
    const protocol = port.protocol ?? 'TCP';
    const base = `${prefix}_PORT_${port.port}_${protocol}`;
    vars.push(
      [base, url(port)],
      [`${base}_PROTO`, protocol.toLowerCase()],
      [`${base}_PORT`, String(port.port)],
      [`${base}_ADDR`, ip],
    );
  }
  return vars;
}
