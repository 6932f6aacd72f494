import type { Pod } from '#api';

export interface ResolvConf {
  nameservers: string[];
  searches: string[];
  options: string[];
}

/** PodSpec.dnsConfig. */
interface PodDnsConfig {
  nameservers?: string[];
  searches?: string[];
  options?: { name: string; value?: string }[];
}

/** Kubernetes' limits on a pod's resolv.conf (the kubelet truncates longer lists). */
const MAX_NAMESERVERS = 3;
const MAX_SEARCHES = 32;

/**
 * The kubelet's pod resolv.conf: dnsPolicy ClusterFirst (the default) points at the cluster
 * DNS with the search path `<ns>.svc.<domain> svc.<domain> <domain>` followed by the host's
 * searches, and `ndots:5`; a hostNetwork pod with ClusterFirst falls back to Default (the
 * host's resolv.conf) unless it asks for ClusterFirstWithHostNet; None takes dnsConfig alone.
 * dnsConfig nameservers and searches are appended, its options replace same-named ones.
 */
export function podResolvConf(pod: Pod, clusterDns: string | undefined, domain: string, host: ResolvConf): ResolvConf {
  const spec = pod.spec!;
  const namespace = pod.metadata.namespace ?? 'default';
  let policy = spec.dnsPolicy ?? 'ClusterFirst';
  if (policy === 'ClusterFirst' && spec.hostNetwork) policy = 'Default';
  if ((policy === 'ClusterFirst' || policy === 'ClusterFirstWithHostNet') && !clusterDns) policy = 'Default';
  let base: ResolvConf;
  if (policy === 'None') base = { nameservers: [], searches: [], options: [] };
  else if (policy === 'Default') base = host;
  else
    base = {
      nameservers: [clusterDns!],
      searches: [`${namespace}.svc.${domain}`, `svc.${domain}`, domain, ...host.searches],
      options: ['ndots:5'],
    };
  const extra = (spec.dnsConfig ?? {}) as PodDnsConfig;
  const options = new Map(base.options.map((option) => [option.split(':')[0], option]));
  for (const option of extra.options ?? [])
    options.set(option.name, option.value === undefined ? option.name : `${option.name}:${option.value}`);
  return {
    nameservers: unique([...base.nameservers, ...(extra.nameservers ?? [])]).slice(0, MAX_NAMESERVERS),
    searches: unique([...base.searches, ...(extra.searches ?? [])]).slice(0, MAX_SEARCHES),
    options: [...options.values()],
  };
}

/** The host's /etc/resolv.conf, as the kubelet's --resolv-conf reads it. */
export function parseResolvConf(text: string): ResolvConf {
  const conf: ResolvConf = { nameservers: [], searches: [], options: [] };
  for (const line of text.split('\n')) {
    const [keyword, ...values] = line
      .replace(/[#;].*$/, '')
      .trim()
      .split(/\s+/);
    if (keyword === 'nameserver' && values[0]) conf.nameservers.push(values[0]);
    else if (keyword === 'search' || keyword === 'domain') conf.searches = values.filter(Boolean);
    else if (keyword === 'options') conf.options.push(...values.filter(Boolean));
  }
  return conf;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
