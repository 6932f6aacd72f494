import type { Pod } from '#api';

/** A host port a pod claims: protocol, host IP (0.0.0.0 for any) and port. */
export interface HostPort {
  protocol: string;
  hostIP: string;
  port: number;
}

const ANY_IP = '0.0.0.0';

export function podHostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    for (const p of c.ports ?? []) {
      if (!p.hostPort || p.hostPort <= 0) continue;
      out.push({ protocol: p.protocol ?? 'TCP', hostIP: p.hostIP || ANY_IP, port: p.hostPort });
    }
  }
  return out;
}

/** Two claims conflict on the same protocol and port when either binds every address. */
export function hostPortsConflict(a: HostPort, b: HostPort): boolean {
  return (
    a.protocol === b.protocol &&
    a.port === b.port &&
    (a.hostIP === b.hostIP || a.hostIP === ANY_IP || b.hostIP === ANY_IP)
  );
}
