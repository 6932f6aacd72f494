import type { Logger } from 'pino';
import { ApiError, type Lease } from '#api';
import type { ApiClient } from '#client';
import { Resources } from '../pods/resources.js';
import { kubeMicroTime } from '../status/kube-time.js';

const LEASE_NAMESPACE = 'kube-node-lease';

/**
 * The node's heartbeat: the coordination.k8s.io/v1 Lease `<node>` in kube-node-lease,
 * renewed every `intervalMs` with a 40 s duration, owned by the Node so it goes with it.
 */
export class LeaseRenewer {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly client: ApiClient,
    private readonly nodeName: string,
    private readonly nodeUid: () => Promise<string | undefined>,
    private readonly logger: Logger,
    private readonly intervalMs = 10_000,
  ) {}

  async start(): Promise<void> {
    await this.renew();
    this.timer = setInterval(() => {
      this.renew().catch((err: unknown) => this.logger.warn({ err }, 'lease renewal failed'));
    }, this.intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async renew(): Promise<void> {
    const now = kubeMicroTime(new Date());
    const existing = await this.client.get<Lease>(Resources.leases, LEASE_NAMESPACE, this.nodeName);
    if (existing) {
      await this.client.update<Lease>(Resources.leases, {
        ...existing,
        spec: { ...existing.spec, holderIdentity: this.nodeName, leaseDurationSeconds: 40, renewTime: now },
      });
      return;
    }
    const uid = await this.nodeUid();
    const lease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: {
        name: this.nodeName,
        namespace: LEASE_NAMESPACE,
        ...(uid ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: this.nodeName, uid }] } : {}),
      },
      spec: { holderIdentity: this.nodeName, leaseDurationSeconds: 40, renewTime: now },
    } as unknown as Lease;
    try {
      await this.client.create<Lease>(Resources.leases, lease);
    } catch (error) {
      if (!(error instanceof ApiError) || error.reason !== 'NotFound') throw error;
      // A fresh cluster may not have the namespace yet.
      await this.client
        .create(Resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: LEASE_NAMESPACE } })
        .catch((err: unknown) => {
          if (!(err instanceof ApiError) || err.reason !== 'AlreadyExists') throw err;
        });
      await this.client.create<Lease>(Resources.leases, lease);
    }
  }
}
