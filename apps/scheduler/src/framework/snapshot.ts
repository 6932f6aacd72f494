import type { Node, Pod } from '#api';
import { NodeInfo } from './node-info.js';
import { isTerminal } from './pod-phase.js';

/**
 * The cluster as one scheduling cycle sees it, like kube-scheduler's cache snapshot: every
 * node with the non-terminal pods bound to it. `assumed` maps pods this process has reserved
 * or bound but its pod informer has not shown bound yet to their node, so a fast sequence of
 * cycles does not hand out the same room twice.
 */
export class Snapshot {
  readonly nodes: NodeInfo[];
  private readonly byName = new Map<string, NodeInfo>();

  constructor(nodes: readonly Node[], pods: readonly Pod[], assumed: ReadonlyMap<Pod, string> = new Map()) {
    this.nodes = nodes.map((n) => new NodeInfo(n));
    for (const info of this.nodes) this.byName.set(info.name, info);
    const counted = new Set<string>();
    for (const pod of pods) {
      const nodeName = pod.spec?.nodeName;
      if (!nodeName || isTerminal(pod)) continue;
      this.byName.get(nodeName)?.addPod(pod);
      counted.add(pod.metadata.uid ?? '');
    }
    for (const [pod, nodeName] of assumed) {
      if (!counted.has(pod.metadata.uid ?? '')) this.byName.get(nodeName)?.addPod(pod);
    }
  }

  get(nodeName: string): NodeInfo | undefined {
    return this.byName.get(nodeName);
  }
}
