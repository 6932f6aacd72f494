import type { Node, Pod } from '#api';
import type { ClusterView } from './cluster-view.js';
import { NodeInfo } from './node-info.js';
import { isTerminal } from './pod-phase.js';

/**
 * The cluster built in one go from lists: every node with the non-terminal pods bound to it.
 * The scheduler itself keeps a SchedulerCache up to date from events instead; this serves the
 * ledger's periodic reconcile and tests.
 */
export class Snapshot implements ClusterView {
  readonly nodes: NodeInfo[];
  private readonly byName = new Map<string, NodeInfo>();

  constructor(nodes: readonly Node[], pods: readonly Pod[]) {
    this.nodes = nodes.map((n) => new NodeInfo(n.metadata.name ?? '', n));
    for (const info of this.nodes) this.byName.set(info.name, info);
    for (const pod of pods) {
      const nodeName = pod.spec?.nodeName;
      if (nodeName && !isTerminal(pod)) this.byName.get(nodeName)?.addPod(pod);
    }
  }

  get(nodeName: string): NodeInfo | undefined {
    return this.byName.get(nodeName);
  }
}
