import { ApiError, type Lease, type Node, type Pod } from '#api';
import type { ApiClient, EventRecorder, Informer } from '#client';
import type { ReconcileResult, Reconciler } from '#reconcile';
import { conditionTaints } from './condition-taints.js';
import { evictionDeadline } from './eviction-deadline.js';
import { NodeLifecycleResources as R } from './node-lifecycle-resources.js';

/** Event reasons, as kube's node lifecycle controller and taint manager name them. */
const NODE_NOT_READY = 'NodeNotReady';
const TAINT_MANAGER_EVICTION = 'TaintManagerEviction';
const STATUS_UNKNOWN_MESSAGE = 'Kubelet stopped posting node status.';

export interface NodeLifecycleReconcilerOptions {
  client: ApiClient;
  nodes: Informer<Node>;
  pods: Informer<Pod>;
  leases: Informer<Lease>;
  recorder: Pick<EventRecorder, 'event'>;
  nodeMonitorGracePeriodSeconds: number;
  defaultEvictionTolerationSeconds: number;
  now?: () => Date;
}

/**
 * kube's node lifecycle controller and NoExecute taint manager, on one node key:
 * 1. a Lease older than the grace period turns Ready (and every condition) Unknown;
 * 2. the Ready condition decides the unreachable / not-ready taints;
 * 3. pods past their toleration of a NoExecute taint are deleted;
 * 4. a deleted node's pods are deleted (pod GC).
 * The next deadline (lease expiry, an eviction) is returned as requeueAfterMs.
 */
export class NodeLifecycleReconciler implements Reconciler {
  readonly name = 'node-lifecycle';
  private readonly now: () => Date;

  constructor(private readonly options: NodeLifecycleReconcilerOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async reconcile(nodeName: string): Promise<ReconcileResult> {
    const node = this.options.nodes.get(undefined, nodeName);
    if (!node) return this.deleteOrphanedPods(nodeName);
    const now = this.now();
    const deadlines: number[] = [];

    const leaseExpiry = this.leaseExpiry(node);
    let current = node;
    if (leaseExpiry <= now.getTime()) current = await this.markUnknown(node, now);
    else deadlines.push(leaseExpiry);

    const ready = current.status?.conditions?.find((c) => c.type === 'Ready')?.status;
    const taints = conditionTaints(current.spec?.taints, ready, now);
    if (taints) current = await this.setTaints(current, taints);

    const eviction = await this.evictPods(current, now);
    if (eviction !== undefined) deadlines.push(eviction);
    if (deadlines.length === 0) return;
    // A little past the deadline, so the clock has certainly reached it.
    return { requeueAfterMs: Math.max(0, Math.min(...deadlines) - now.getTime()) + 100 };
  }

  /** When the node's heartbeat goes stale: its Lease's renewTime (else its creation) + grace. */
  private leaseExpiry(node: Node): number {
    const lease = this.options.leases.get(R.leaseNamespace, node.metadata.name!);
    const renewed = lease?.spec?.renewTime ?? node.metadata.creationTimestamp;
    const at = renewed ? Date.parse(renewed) : 0;
    return at + this.options.nodeMonitorGracePeriodSeconds * 1000;
  }

  private async markUnknown(node: Node, now: Date): Promise<Node> {
    const conditions = node.status?.conditions ?? [];
    const ready = conditions.find((c) => c.type === 'Ready');
    if (ready?.status === 'Unknown') return node;
    const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const unknown = (type: string) => ({
      type,
      status: 'Unknown',
      reason: 'NodeStatusUnknown',
      message: STATUS_UNKNOWN_MESSAGE,
      lastTransitionTime: stamp,
      lastHeartbeatTime: conditions.find((c) => c.type === type)?.lastHeartbeatTime,
    });
    const next: Node = structuredClone(node);
    next.status = {
      ...next.status,
      conditions: [...conditions.map((c) => unknown(c.type)), ...(ready ? [] : [unknown('Ready')])],
    };
    const updated = await this.options.client.update(R.nodes, next, { subresource: 'status' });
    this.options.recorder.event(
      node,
      'Normal',
      NODE_NOT_READY,
      `Node ${node.metadata.name} status is now: NodeNotReady`,
    );
    for (const pod of this.podsOn(node.metadata.name!))
      this.options.recorder.event(pod, 'Warning', NODE_NOT_READY, 'Node is not ready');
    return updated;
  }

  private async setTaints(node: Node, taints: NonNullable<Node['spec']>['taints']): Promise<Node> {
    const patch = { metadata: { resourceVersion: node.metadata.resourceVersion }, spec: { taints } };
    return this.options.client.patch<Node>(R.nodes, undefined, node.metadata.name!, patch, 'merge');
  }

  /** Deletes the pods whose toleration ran out; returns the next eviction deadline, if any. */
  private async evictPods(node: Node, now: Date): Promise<number | undefined> {
    const taints = node.spec?.taints ?? [];
    if (!taints.some((t) => t.effect === 'NoExecute')) return undefined;
    let next: number | undefined;
    for (const pod of this.podsOn(node.metadata.name!)) {
      if (pod.metadata.deletionTimestamp) continue;
      const deadline = evictionDeadline(pod, taints, this.options.defaultEvictionTolerationSeconds);
      if (deadline === undefined) continue;
      if (deadline > now.getTime()) {
        next = next === undefined ? deadline : Math.min(next, deadline);
        continue;
      }
      await this.deletePod(pod);
      const name = `${pod.metadata.namespace}/${pod.metadata.name}`;
      this.options.recorder.event(pod, 'Normal', TAINT_MANAGER_EVICTION, `Marking for deletion Pod ${name}`);
    }
    return next;
  }

  /** Pod GC: a node that is gone will never stop its pods, so they are removed at once. */
  private async deleteOrphanedPods(nodeName: string): Promise<void> {
    const pods = this.podsOn(nodeName);
    // The cache may lag behind a node just created: only the apiserver can say it is gone.
    if (pods.length === 0 || (await this.options.client.get(R.nodes, undefined, nodeName))) return;
    for (const pod of pods) await this.deletePod(pod, 0);
  }

  private podsOn(nodeName: string): Pod[] {
    return this.options.pods.list().filter((pod) => pod.spec?.nodeName === nodeName);
  }

  private async deletePod(pod: Pod, gracePeriodSeconds?: number): Promise<void> {
    try {
      await this.options.client.delete(R.pods, pod.metadata.namespace, pod.metadata.name!, {
        preconditions: { uid: pod.metadata.uid },
        ...(gracePeriodSeconds !== undefined ? { gracePeriodSeconds } : {}),
      });
    } catch (error) {
      if (!(error instanceof ApiError && (error.reason === 'NotFound' || error.reason === 'Conflict'))) throw error;
    }
  }
}
