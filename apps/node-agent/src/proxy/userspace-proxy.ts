import { createServer, connect, type Server, type Socket } from 'node:net';
import type { Logger } from 'pino';
import type { LoopbackAddresses } from './loopback-addresses.js';
import type { Backend, ServicePortEntry } from './service-ports.js';
import type { ProxyBackend } from './service-proxy.js';

interface Listener {
  server: Server;
  entry: ServicePortEntry;
  next: number;
  affinity: Map<string, { backend: Backend; expires: number }>;
}

/**
 * kube-proxy's old userspace mode, in Node.js: a TCP server per service port (on the cluster
 * IP, which lives on lo, and on the node port of every address), splicing each accepted
 * connection to the next ready endpoint. A service port without ready endpoints has no
 * listener, so connections are refused by the kernel at once. UDP is not proxied in this mode.
 */
export class UserspaceProxy implements ProxyBackend {
  readonly mode = 'userspace';
  private readonly listeners = new Map<string, Listener>();

  constructor(
    private readonly addresses: LoopbackAddresses | undefined,
    private readonly logger: Logger,
    private readonly keepAddresses: string[] = [],
  ) {}

  async sync(entries: ServicePortEntry[]): Promise<void> {
    const tcp = entries.filter((entry) => entry.protocol === 'TCP' && entry.backends.length > 0);
    const wanted = new Map<string, ServicePortEntry>();
    for (const entry of tcp) {
      if (entry.clusterIP && this.addresses) wanted.set(`${entry.clusterIP}:${entry.port}`, entry);
      if (entry.nodePort) wanted.set(`0.0.0.0:${entry.nodePort}`, entry);
    }
    if (this.addresses) {
      const ips = tcp.flatMap((entry) => (entry.clusterIP ? [entry.clusterIP] : []));
      await this.addresses.reconcile([...new Set(ips)], this.keepAddresses);
    }
    for (const [address, listener] of this.listeners) {
      if (!wanted.has(address)) {
        listener.server.close();
        this.listeners.delete(address);
      }
    }
    for (const [address, entry] of wanted) {
      const current = this.listeners.get(address);
      if (current) {
        current.entry = entry;
        continue;
      }
      await this.listen(address, entry).catch((err: unknown) =>
        this.logger.error({ err, address, service: entry.key }, 'userspace proxy cannot listen'),
      );
    }
  }

  async remove(): Promise<void> {
    for (const listener of this.listeners.values()) listener.server.close();
    this.listeners.clear();
    await this.addresses?.reconcile([], this.keepAddresses);
  }

  private async listen(address: string, entry: ServicePortEntry): Promise<void> {
    const [host, port] = address.split(':');
    const listener: Listener = { server: createServer(), entry, next: 0, affinity: new Map() };
    listener.server.on('connection', (client) => this.forward(listener, client));
    await new Promise<void>((resolve, reject) => {
      listener.server.once('error', reject);
      listener.server.listen({ host, port: Number(port) }, () => resolve());
    });
    this.listeners.set(address, listener);
  }

  private forward(listener: Listener, client: Socket): void {
    const backend = this.pick(listener, client.remoteAddress ?? '');
    if (!backend) return void client.resetAndDestroy();
    const upstream = connect({ host: backend.ip, port: backend.port });
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    client.pipe(upstream).pipe(client);
    upstream.on('error', () => client.resetAndDestroy());
    client.on('error', () => upstream.destroy());
  }

  private pick(listener: Listener, clientIP: string): Backend | undefined {
    const { backends, affinitySeconds } = listener.entry;
    if (backends.length === 0) return undefined;
    if (affinitySeconds !== undefined) {
      const sticky = listener.affinity.get(clientIP);
      const alive = sticky && sticky.expires > Date.now() && backends.some((b) => sameBackend(b, sticky.backend));
      if (alive) {
        sticky.expires = Date.now() + affinitySeconds * 1000;
        return sticky.backend;
      }
    }
    const backend = backends[listener.next++ % backends.length];
    if (affinitySeconds !== undefined)
      listener.affinity.set(clientIP, { backend, expires: Date.now() + affinitySeconds * 1000 });
    return backend;
  }
}

function sameBackend(a: Backend, b: Backend): boolean {
  return a.ip === b.ip && a.port === b.port;
}
