import type { Node, Pod } from '#api';
import type { ClusterView } from '../framework/cluster-view.js';
import { NodeInfo } from '../framework/node-info.js';
import { isTerminal } from '../framework/pod-phase.js';

export interface SchedulerCacheOptions {
  /** How long an assumed pod whose binding finished may wait for the informer to show it bound. */
  assumeTtlMs?: number;
  now?: () => number;
}

interface Placement {
  node: string;
  assumed: boolean;
  /** Set when the binding finished: the assumption expires then unless the informer confirms it. */
  deadline?: number;
}

/**
 * kube-scheduler's scheduler cache: a NodeInfo per node, kept up to date from informer
 * events one pod or node at a time, so a scheduling cycle costs the same with 10 or 10,000
 * bound pods. A pod this process has chosen a node for is *assumed* there at once, before
 * the binding is even sent, so the next cycle (which may run while this one awaits Redis or
 * the apiserver) already counts it; the informer's bound pod replaces the assumption, and an
 * assumption the informer never confirms expires `assumeTtlMs` after its binding finished.
 * Nodes the informer lacks but pods name are kept aside (their pods count once the node
 * appears) and never offered to a cycle.
 */
export class SchedulerCache implements ClusterView {
  private readonly infos = new Map<string, NodeInfo>();
  private readonly placements = new Map<string, Placement>();
  private readonly assumedUids = new Set<string>();
  private listed?: NodeInfo[];
  private readonly assumeTtlMs: number;
  private readonly now: () => number;

  constructor(options: SchedulerCacheOptions = {}) {
    this.assumeTtlMs = options.assumeTtlMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  /** Known nodes in a stable order (the order they appeared), for node sampling's rotation. */
  get nodes(): readonly NodeInfo[] {
    this.listed ??= [...this.infos.values()].filter((info) => info.hasNode);
    return this.listed;
  }

  get(nodeName: string): NodeInfo | undefined {
    const info = this.infos.get(nodeName);
    return info?.hasNode ? info : undefined;
  }

  /** The node a pod is placed on here (bound or assumed), if any. */
  nodeOf(uid: string): string | undefined {
    return this.placements.get(uid)?.node;
  }

  isAssumed(uid: string): boolean {
    return this.assumedUids.has(uid);
  }

  setNode(node: Node): void {
    const name = node.metadata.name ?? '';
    const info = this.infos.get(name);
    // Only a node joining the list (new, or known so far only from its pods) changes the list.
    if (info && !info.hasNode) this.listed = undefined;
    if (info) info.setNode(node);
    else {
      this.infos.set(name, new NodeInfo(name, node));
      this.listed = undefined;
    }
  }

  removeNode(name: string): void {
    const info = this.infos.get(name);
    if (!info) return;
    if (info.podCount === 0) this.infos.delete(name);
    else info.setNode(undefined);
    this.listed = undefined;
  }

  /** A pod as the informer shows it (added or updated). */
  updatePod(pod: Pod): void {
    const uid = pod.metadata.uid ?? '';
    const placement = this.placements.get(uid);
    const nodeName = pod.spec?.nodeName;
    if (!nodeName || isTerminal(pod)) {
      // Not bound yet: our assumption stands. Finished: its room is free.
      if (placement && (!placement.assumed || isTerminal(pod))) this.remove(uid);
      return;
    }
    if (placement && placement.node !== nodeName) this.remove(uid);
    this.place(uid, nodeName, pod, false);
  }

  /** The informer saw the pod deleted. */
  removePod(pod: Pod): void {
    this.remove(pod.metadata.uid ?? '');
  }

  /** This process chose `nodeName` for the pod: count it there from now on. */
  assume(pod: Pod, nodeName: string): void {
    const uid = pod.metadata.uid ?? '';
    const placement = this.placements.get(uid);
    if (placement && !placement.assumed) throw new Error(`pod ${uid} is already bound to ${placement.node}`);
    if (placement) this.remove(uid);
    this.place(uid, nodeName, pod, true);
  }

  /** The binding was sent: the assumption now waits at most assumeTtlMs for the informer. */
  finishBinding(uid: string): void {
    const placement = this.placements.get(uid);
    if (placement?.assumed) placement.deadline = this.now() + this.assumeTtlMs;
  }

  /** The reservation or binding failed: the pod is not there after all. */
  forget(uid: string): void {
    if (this.assumedUids.has(uid)) this.remove(uid);
  }

  /** Drops assumptions whose binding finished longer than assumeTtlMs ago; returns how many. */
  cleanupExpired(): number {
    const now = this.now();
    let expired = 0;
    for (const uid of this.assumedUids) {
      const deadline = this.placements.get(uid)?.deadline;
      if (deadline !== undefined && deadline <= now) {
        this.remove(uid);
        expired++;
      }
    }
    return expired;
  }

  private place(uid: string, nodeName: string, pod: Pod, assumed: boolean): void {
    let info = this.infos.get(nodeName);
    if (!info) {
      info = new NodeInfo(nodeName);
      this.infos.set(nodeName, info);
    }
    info.addPod(pod, assumed);
    this.placements.set(uid, { node: nodeName, assumed });
    if (assumed) this.assumedUids.add(uid);
    else this.assumedUids.delete(uid);
  }

  private remove(uid: string): void {
    const placement = this.placements.get(uid);
    if (!placement) return;
    this.placements.delete(uid);
    this.assumedUids.delete(uid);
    const info = this.infos.get(placement.node);
    info?.removePod(uid);
    if (info && !info.hasNode && info.podCount === 0) this.infos.delete(placement.node);
  }
}
