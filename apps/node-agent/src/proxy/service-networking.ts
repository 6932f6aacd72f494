import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { Pod } from '#api';
import type { ApiClient } from '#client';
import type { SandboxConfig } from '#runtime';
import type { NodeAgentConfig } from '../config/node-agent-config.js';
import { DnsServer } from '../dns/dns-server.js';
import { parseResolvConf, podResolvConf, type ResolvConf } from '../dns/pod-dns-config.js';
import { serviceEnv } from '../env/service-env.js';
import { ChainNames } from './iptables-rules.js';
import { removeAbandonedScopes } from './abandoned-scopes.js';
import { allowLocalhostNodePorts, Iptables } from './iptables.js';
import { LoopbackAddresses } from './loopback-addresses.js';
import { ServiceInformers } from './service-informers.js';
import { ServiceProxy, type ProxyBackend } from './service-proxy.js';
import { UserspaceProxy } from './userspace-proxy.js';

/**
 * Everything Services need on a node: the proxy, the cluster DNS, the service variables and
 * the pods' resolv.conf. What it adds to the host (iptables chains, addresses on lo) is named
 * with `scope`, a hash of the agent's root dir, so clusters sharing a machine stay apart, and a
 * restarted agent replaces exactly what it left.
 */
export class ServiceNetworking {
  readonly informers: ServiceInformers;
  readonly scope: string;
  /** Where the cluster DNS listens (kubelet --cluster-dns); undefined when it could not start. */
  dnsAddress?: string;
  private proxy?: ServiceProxy;
  private dns?: DnsServer;
  private readonly loopback: LoopbackAddresses;
  private readonly hostResolvConf: ResolvConf;

  constructor(
    private readonly config: NodeAgentConfig,
    client: ApiClient,
    private readonly logger: Logger,
  ) {
    this.scope = createHash('sha256').update(config.rootDir).digest('hex').slice(0, 8);
    this.informers = new ServiceInformers(client, logger);
    this.loopback = new LoopbackAddresses(this.scope);
    this.hostResolvConf = parseResolvConf(readOrEmpty('/etc/resolv.conf'));
  }

  async start(): Promise<void> {
    await this.informers.start();
    const privileged = process.getuid?.() === 0;
    const address = this.config.clusterDNS ?? (privileged ? linkLocalAddress(this.scope) : undefined);
    if (address) await this.startDns(address, privileged && !this.config.clusterDNS);
    const backend = await this.backend(privileged);
    if (backend) {
      this.proxy = new ServiceProxy(this.informers, backend, this.logger);
      await this.proxy.start();
    }
    this.logger.info(
      { proxy: backend?.mode ?? 'off', dns: this.dnsAddress, scope: this.scope },
      'service networking running',
    );
  }

  /** Stops the DNS and removes the proxy's rules and addresses (a restart puts them back at once). */
  async stop(): Promise<void> {
    await this.proxy?.stop();
    this.dns?.stop();
    await this.loopback.reconcile([]).catch(() => undefined);
    this.informers.stop();
  }

  serviceEnv(pod: Pod): Map<string, string> {
    return serviceEnv(
      this.informers.services.list(),
      pod.metadata.namespace ?? 'default',
      pod.spec?.enableServiceLinks !== false,
    );
  }

  podDns(pod: Pod): SandboxConfig['dns'] {
    return podResolvConf(pod, this.dnsAddress, this.config.clusterDomain, this.hostResolvConf);
  }

  private async startDns(address: string, onLoopback: boolean): Promise<void> {
    try {
      if (onLoopback) await this.loopback.add(address);
      const upstream =
        this.config.dnsUpstream ?? this.hostResolvConf.nameservers.filter((server) => server.startsWith('127.'));
      this.dns = new DnsServer({
        address,
        port: 53,
        domain: this.config.clusterDomain,
        upstream,
        logger: this.logger,
        lookup: {
          service: (namespace, name) => this.informers.services.get(namespace, name),
          endpoints: (namespace, name) => this.informers.endpoints.get(namespace, name),
        },
      });
      await this.dns.start();
      this.dnsAddress = address;
    } catch (err) {
      this.logger.error({ err, address }, 'cluster DNS cannot start; pods get the host resolv.conf');
    }
  }

  private async backend(privileged: boolean): Promise<ProxyBackend | undefined> {
    const mode = this.config.proxyMode ?? (privileged ? 'iptables' : 'userspace');
    const keep = this.dnsAddress ? [this.dnsAddress] : [];
    if (mode === 'off') return undefined;
    if (mode === 'userspace') return new UserspaceProxy(privileged ? this.loopback : undefined, this.logger, keep);
    const unavailable = await Iptables.available();
    if (unavailable) {
      this.logger.warn({ reason: unavailable }, 'iptables unusable: service proxy in userspace mode');
      return new UserspaceProxy(privileged ? this.loopback : undefined, this.logger, keep);
    }
    // Addresses a userspace run left on lo would shadow the DNAT rules.
    await this.loopback.reconcile([], keep);
    await allowLocalhostNodePorts();
    await removeAbandonedScopes(this.scope, this.logger).catch((err: unknown) =>
      this.logger.warn({ err }, 'could not remove the rules of abandoned node agents'),
    );
    return new Iptables(new ChainNames(this.scope), this.config.rootDir);
  }
}

/** 169.254.a.b from the scope: the cluster DNS address of this agent (as NodeLocal DNSCache's 169.254.20.10). */
function linkLocalAddress(scope: string): string {
  const value = parseInt(scope.slice(0, 4), 16);
  const a = 1 + ((value >> 8) % 254);
  return `169.254.${a === 169 ? 170 : a}.${1 + ((value & 0xff) % 254)}`;
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
