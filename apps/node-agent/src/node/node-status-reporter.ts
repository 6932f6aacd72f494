import type { Logger } from 'pino';
import { ApiError, type Node } from '#api';
import type { ApiClient } from '#client';
import { Resources } from '../pods/resources.js';
import type { HostInfo } from './host-info.js';
import { measurePressure } from './measure-pressure.js';
import { nodeConditions } from './node-conditions.js';
import { nodeObject, type NodeRegistration } from './node-object.js';

/**
 * Registers the Node (create, or update labels/taints of an existing one) and posts its
 * status (conditions, capacity, addresses, nodeInfo) through the status subresource every
 * `intervalMs`, as the kubelet's node status loop does.
 */
export class NodeStatusReporter {
  private timer?: NodeJS.Timeout;
  private conditions: NonNullable<NonNullable<Node['status']>['conditions']> = [];

  constructor(
    private readonly client: ApiClient,
    private readonly registration: NodeRegistration,
    private readonly host: HostInfo,
    private readonly stateDir: string,
    private readonly logger: Logger,
    private readonly intervalMs = 10_000,
  ) {}

  async start(): Promise<void> {
    await this.register();
    await this.report();
    this.timer = setInterval(() => {
      this.report().catch((err: unknown) => this.logger.warn({ err }, 'node status update failed'));
    }, this.intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async register(): Promise<void> {
    const wanted = nodeObject(this.registration, this.host);
    try {
      await this.client.create<Node>(Resources.nodes, wanted);
      this.logger.info({ node: this.registration.name }, 'registered node');
      return;
    } catch (error) {
      if (!(error instanceof ApiError) || error.reason !== 'AlreadyExists') throw error;
    }
    const existing = (await this.client.get<Node>(Resources.nodes, undefined, this.registration.name))!;
    this.conditions = existing.status?.conditions ?? [];
    const taints = this.registration.taints.length > 0 ? this.registration.taints : existing.spec?.taints;
    await this.client.update<Node>(Resources.nodes, {
      ...existing,
      metadata: { ...existing.metadata, labels: { ...existing.metadata.labels, ...wanted.metadata.labels } },
      spec: { ...existing.spec, ...(taints ? { taints } : {}) },
    });
    this.logger.info({ node: this.registration.name }, 'updated existing node');
  }

  private async report(): Promise<void> {
    const { status } = nodeObject(this.registration, this.host);
    this.conditions = nodeConditions(measurePressure(this.stateDir), this.conditions, new Date());
    await this.client.patch(
      Resources.nodes,
      undefined,
      this.registration.name,
      { status: { ...status, conditions: this.conditions } },
      'merge',
      { subresource: 'status' },
    );
  }
}
