import { createHash } from 'node:crypto';
import type { Backend, ServicePortEntry } from './service-ports.js';

/** The packet mark meaning "masquerade this connection" (kube-proxy uses 0x4000; this is kubenest's bit). */
export const MASQ_MARK = '0x2000';

/**
 * The names of one node agent's chains. Every name starts with `KN<scope>-`, the scope being
 * a hash of the agent's root dir, so two clusters on one machine each own their chains and
 * never flush or delete the other's. iptables allows 28 characters per chain name.
 */
export class ChainNames {
  readonly prefix: string;
  constructor(readonly scope: string) {
    this.prefix = `KN${scope}-`;
  }
  get services() {
    return `${this.prefix}SERVICES`;
  }
  get nodePorts() {
    return `${this.prefix}NODEPORTS`;
  }
  get postrouting() {
    return `${this.prefix}POSTROUTING`;
  }
  get markMasq() {
    return `${this.prefix}MARK-MASQ`;
  }
  /** The filter table's chain that refuses service ports with no ready endpoint. */
  get reject() {
    return `${this.prefix}REJECT`;
  }
  service(entry: ServicePortEntry): string {
    return `${this.prefix}SVC-${shortHash(`${entry.key}/${entry.protocol}`)}`;
  }
  endpoint(entry: ServicePortEntry, backend: Backend): string {
    return `${this.prefix}SEP-${shortHash(`${entry.key}/${entry.protocol}/${backend.ip}:${backend.port}`)}`;
  }
}

/** Where each table's chains are entered from the built-in chains. */
export function hooks(names: ChainNames): { table: 'nat' | 'filter'; chain: string; target: string }[] {
  return [
    { table: 'nat', chain: 'PREROUTING', target: names.services },
    { table: 'nat', chain: 'OUTPUT', target: names.services },
    { table: 'nat', chain: 'POSTROUTING', target: names.postrouting },
    { table: 'filter', chain: 'INPUT', target: names.reject },
    { table: 'filter', chain: 'FORWARD', target: names.reject },
    { table: 'filter', chain: 'OUTPUT', target: names.reject },
  ];
}

/**
 * The whole rule set of one agent as `iptables-restore --noflush` input, in kube-proxy's
 * iptables-mode layout: SERVICES matches cluster IP:port (and, for local destinations, the
 * node ports) and jumps to one SVC chain per service port, which marks the connection for
 * masquerade and picks an endpoint (SEP chain, DNAT). New connections go round robin
 * (statistic nth: rule i of n takes every (n-i)th connection reaching it); with ClientIP
 * affinity a client seen within the timeout goes back to its endpoint (the recent match).
 * Service ports without a ready endpoint are refused with a TCP reset (ICMP port
 * unreachable for UDP) in the filter table. `stale` chains are flushed and deleted.
 */
export function renderRules(
  names: ChainNames,
  entries: ServicePortEntry[],
  stale: { nat: string[]; filter: string[] },
): string {
  const natChains = [names.services, names.nodePorts, names.postrouting, names.markMasq];
  const nat: string[] = [
    `-A ${names.markMasq} -j MARK --or-mark ${MASQ_MARK}`,
    `-A ${names.postrouting} -m mark --mark ${MASQ_MARK}/${MASQ_MARK} -m comment --comment "kubenest service traffic" -j MASQUERADE`,
  ];
  const filter: string[] = [];
  for (const entry of entries) {
    const proto = entry.protocol.toLowerCase();
    const comment = `-m comment --comment "${entry.key}"`;
    if (entry.backends.length === 0) {
      const reject =
        entry.protocol === 'TCP' ? 'REJECT --reject-with tcp-reset' : 'REJECT --reject-with icmp-port-unreachable';
      if (entry.clusterIP)
        filter.push(
          `-A ${names.reject} -d ${entry.clusterIP}/32 -p ${proto} -m ${proto} --dport ${entry.port} ${comment} -j ${reject}`,
        );
      if (entry.nodePort)
        filter.push(
          `-A ${names.reject} -m addrtype --dst-type LOCAL -p ${proto} -m ${proto} --dport ${entry.nodePort} ${comment} -j ${reject}`,
        );
      continue;
    }
    const svc = names.service(entry);
    natChains.push(svc);
    if (entry.clusterIP)
      nat.push(
        `-A ${names.services} -d ${entry.clusterIP}/32 -p ${proto} -m ${proto} --dport ${entry.port} ${comment} -j ${svc}`,
      );
    if (entry.nodePort)
      nat.push(`-A ${names.nodePorts} -p ${proto} -m ${proto} --dport ${entry.nodePort} ${comment} -j ${svc}`);
    nat.push(`-A ${svc} -j ${names.markMasq}`);
    const seps = entry.backends.map((backend) => names.endpoint(entry, backend));
    natChains.push(...seps);
    if (entry.affinitySeconds !== undefined) {
      for (const sep of seps)
        nat.push(`-A ${svc} -m recent --name ${sep} --rcheck --seconds ${entry.affinitySeconds} --reap -j ${sep}`);
    }
    seps.forEach((sep, i) => {
      const left = seps.length - i;
      nat.push(
        left > 1 ? `-A ${svc} -m statistic --mode nth --every ${left} --packet 0 -j ${sep}` : `-A ${svc} -j ${sep}`,
      );
    });
    entry.backends.forEach((backend, i) => {
      const remember = entry.affinitySeconds !== undefined ? `-m recent --name ${seps[i]} --set --rsource ` : '';
      nat.push(`-A ${seps[i]} -p ${proto} ${remember}-j DNAT --to-destination ${backend.ip}:${backend.port}`);
    });
  }
  // Node ports last: only destinations that are this host's own addresses (loopback included).
  nat.push(`-A ${names.services} -m addrtype --dst-type LOCAL -j ${names.nodePorts}`);
  const natStale = stale.nat.filter((chain) => !natChains.includes(chain));
  const filterStale = stale.filter.filter((chain) => chain !== names.reject);
  return [
    '*nat',
    ...[...natChains, ...natStale].map((chain) => `:${chain} - [0:0]`),
    ...nat,
    ...natStale.map((chain) => `-X ${chain}`),
    'COMMIT',
    '*filter',
    ...[names.reject, ...filterStale].map((chain) => `:${chain} - [0:0]`),
    ...filter,
    ...filterStale.map((chain) => `-X ${chain}`),
    'COMMIT',
    '',
  ].join('\n');
}

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12).toUpperCase();
}
