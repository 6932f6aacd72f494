import type { NodeInfo } from './node-info.js';

/** The nodes one scheduling cycle filters and scores: a Snapshot, or the live SchedulerCache. */
export interface ClusterView {
  readonly nodes: readonly NodeInfo[];
  get(nodeName: string): NodeInfo | undefined;
}
