import type { Node, Pod } from '#api';
import { podHostPorts, type HostPort } from './host-port.js';
import { podRequests } from './pod-requests.js';
import { PODS, type ResourceList } from './resource-list.js';
import { addInto, toResourceList } from './resource-math.js';

/**
 * One node as the scheduler sees it: what it offers (allocatable, or capacity when the node
 * reports no allocatable) and what the pods already on it take. `requested` is what fitting
 * counts; `nonZeroRequested` is what scoring counts (BestEffort pods as 100m/200Mi).
 */
export class NodeInfo {
  readonly allocatable: ResourceList;
  readonly pods: Pod[] = [];
  readonly requested: ResourceList = {};
  readonly nonZeroRequested: ResourceList = {};
  readonly usedPorts: HostPort[] = [];

  constructor(readonly node: Node) {
    this.allocatable = toResourceList(node.status?.allocatable ?? node.status?.capacity);
  }

  get name(): string {
    return this.node.metadata.name ?? '';
  }

  get allowedPodNumber(): number {
    return this.allocatable[PODS] ?? 0;
  }

  addPod(pod: Pod): void {
    this.pods.push(pod);
    addInto(this.requested, podRequests(pod));
    addInto(this.nonZeroRequested, podRequests(pod, { nonZero: true }));
    this.usedPorts.push(...podHostPorts(pod));
  }
}
