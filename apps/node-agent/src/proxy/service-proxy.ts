import type { Logger } from 'pino';
import type { ServiceInformers } from './service-informers.js';
import { servicePorts, type ServicePortEntry } from './service-ports.js';

/** What programs the host for a set of service ports: iptables, or the userspace proxy. */
export interface ProxyBackend {
  readonly mode: string;
  sync(entries: ServicePortEntry[]): Promise<void>;
  remove(): Promise<void>;
}

/** kube-proxy's --iptables-sync-period: rules are rewritten this often even without events. */
const RESYNC_MS = 30_000;

/**
 * The kube-proxy role: on every Service or Endpoints event (watched, never polled) it
 * recomputes all service ports and hands them to the backend. Syncs never overlap; events
 * arriving during one coalesce into a single next sync. A failed sync is retried after 1 s,
 * and a periodic resync puts back rules someone else flushed (a firewall reload).
 */
export class ServiceProxy {
  private running?: Promise<void>;
  private pending = false;
  private retry?: NodeJS.Timeout;
  private resync?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly informers: ServiceInformers,
    private readonly backend: ProxyBackend,
    private readonly logger: Logger,
  ) {
    informers.onChange(() => this.requestSync());
  }

  /** Called once the informers have synced: the first sync also replaces what a previous run left. */
  async start(): Promise<void> {
    this.requestSync();
    await this.running;
    this.resync = setInterval(() => this.requestSync(), RESYNC_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    clearInterval(this.resync);
    await this.running;
    await this.backend.remove();
  }

  entries(): ServicePortEntry[] {
    return this.informers.services.list().flatMap((svc) => servicePorts(svc, this.informers.endpointsOf(svc)));
  }

  private requestSync(): void {
    if (this.stopped || !this.informers.services.hasSynced() || !this.informers.endpoints.hasSynced()) return;
    if (this.running) {
      this.pending = true;
      return;
    }
    this.running = this.syncOnce().finally(() => {
      this.running = undefined;
      if (this.pending) {
        this.pending = false;
        this.requestSync();
      }
    });
  }

  private async syncOnce(): Promise<void> {
    const entries = this.entries();
    try {
      await this.backend.sync(entries);
      this.logger.debug({ servicePorts: entries.length, mode: this.backend.mode }, 'service proxy synced');
    } catch (err) {
      this.logger.error({ err, mode: this.backend.mode }, 'service proxy sync failed; retrying in 1 s');
      clearTimeout(this.retry);
      this.retry = setTimeout(() => this.requestSync(), 1_000);
    }
  }
}
