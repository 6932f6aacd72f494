import type { Node, Pod } from '#api';
import type { HostPort } from './host-port.js';
import { podInfoOf, type PodInfo } from './pod-info.js';
import { Resource } from './resource.js';
import { PODS } from './resource-list.js';
import { toResourceList } from './resource-math.js';

type Taint = NonNullable<NonNullable<Node['spec']>['taints']>[number];
const NO_TAINTS: readonly Taint[] = [];

interface PlacedPod {
  pod: Pod;
  info: PodInfo;
  /** Placed by this scheduler, not yet shown bound by the informer. */
  assumed: boolean;
  /** This process has seen the capacity ledger hold the pod's reservation on this node. */
  charged: boolean;
}

/**
 * One node as the scheduler sees it: what it offers (allocatable, or capacity when the node
 * reports no allocatable) and what the pods on it take, kept up to date pod by pod as in
 * kube-scheduler's NodeInfo, so a scheduling cycle reads sums instead of walking pods.
 * `requested` is what fitting counts; `nonZeroRequested` is what scoring counts (BestEffort
 * pods as 100m/200Mi). `node` is undefined while pods name a node the informer lacks.
 */
export class NodeInfo {
  allocatable = new Resource();
  allowedPodNumber = 0;
  /** The pods placed here, assumed ones included (a field: Fit reads it for every node of every cycle). */
  podCount = 0;
  readonly requested = new Resource();
  readonly nonZeroRequested = new Resource();
  usedPorts: HostPort[] = [];
  /** The Ready condition's status ('True', 'False', 'Unknown'), undefined when not reported. */
  ready?: string;
  /** spec.unschedulable and spec.taints, read by filters without going through the Node. */
  unschedulable = false;
  taints: readonly Taint[] = NO_TAINTS;
  private current?: Node;
  private allocatableSource?: string;
  private readonly placed = new Map<string, PlacedPod>();
  private readonly siblingCounts = new Map<string, number>();

  constructor(
    readonly name: string,
    node?: Node,
  ) {
    if (node) this.setNode(node);
  }

  /** The Node; only the cache holds a NodeInfo without one, and never lists it. */
  get node(): Node {
    if (!this.current) throw new Error(`node ${this.name} is not in the cache`);
    return this.current;
  }

  get hasNode(): boolean {
    return this.current !== undefined;
  }

  /** Takes a newer version of the Node; quantities are parsed again only when they changed. */
  setNode(node: Node | undefined): void {
    this.current = node;
    this.ready = node?.status?.conditions?.find((c) => c.type === 'Ready')?.status;
    this.unschedulable = node?.spec?.unschedulable === true;
    this.taints = node?.spec?.taints ?? NO_TAINTS;
    const quantities = node?.status?.allocatable ?? node?.status?.capacity;
    const source = JSON.stringify(quantities ?? {});
    if (source === this.allocatableSource) return;
    this.allocatableSource = source;
    this.allocatable = Resource.of(toResourceList(quantities));
    this.allowedPodNumber = this.allocatable.get(PODS);
  }

  /** The pods on the node, assumed ones included. */
  get pods(): Pod[] {
    return [...this.placed.values()].map((p) => p.pod);
  }

  has(uid: string): boolean {
    return this.placed.has(uid);
  }

  /** Pods on the node controlled by the controller of `controllerKey` (see PodInfo). */
  siblings(controllerKey: string): number {
    return this.siblingCounts.get(controllerKey) ?? 0;
  }

  /**
   * Bound pods (as the informer shows them) this process has not seen charged in the capacity
   * ledger: the ones a reservation on the node must send, so the ledger can charge pods bound
   * without it. Each is sent once, not with every reservation on the node.
   */
  unchargedBoundPods(): Pod[] {
    return [...this.placed.values()].filter((p) => !p.assumed && !p.charged).map((p) => p.pod);
  }

  /** The ledger holds these pods' reservations on this node now. */
  markCharged(uids: Iterable<string>): void {
    for (const uid of uids) {
      const placed = this.placed.get(uid);
      if (placed) placed.charged = true;
    }
  }

  /** Adds the pod, or replaces the version of it already here (which keeps its ledger mark). */
  addPod(pod: Pod, assumed = false): void {
    const uid = pod.metadata.uid ?? '';
    const charged = this.placed.get(uid)?.charged ?? false;
    this.removePod(uid);
    const info = podInfoOf(pod);
    this.placed.set(uid, { pod, info, assumed, charged });
    this.podCount++;
    this.requested.add(info.requests);
    this.nonZeroRequested.add(info.nonZeroRequests);
    if (info.hostPorts.length) this.usedPorts = [...this.usedPorts, ...info.hostPorts];
    if (info.controllerKey) this.siblingCounts.set(info.controllerKey, this.siblings(info.controllerKey) + 1);
  }

  /** Removes the pod; false when it was not here. */
  removePod(uid: string): boolean {
    const placed = this.placed.get(uid);
    if (!placed) return false;
    this.placed.delete(uid);
    this.podCount--;
    const { info } = placed;
    this.requested.subtract(info.requests);
    this.nonZeroRequested.subtract(info.nonZeroRequests);
    if (info.hostPorts.length) this.usedPorts = [...this.placed.values()].flatMap((p) => p.info.hostPorts);
    if (info.controllerKey) {
      const left = this.siblings(info.controllerKey) - 1;
      if (left > 0) this.siblingCounts.set(info.controllerKey, left);
      else this.siblingCounts.delete(info.controllerKey);
    }
    return true;
  }
}
