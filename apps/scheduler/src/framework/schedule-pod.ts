import type { Pod } from '#api';
import type { ClusterView } from './cluster-view.js';
import type { FilterStatus } from './filter-status.js';
import type { NodeInfo } from './node-info.js';
import type { NodeSampling } from './node-sampling.js';
import { runFilters } from './run-filters.js';
import type { ScheduleResult, ScoredNode } from './schedule-result.js';
import type { SchedulingProfile } from './scheduling-profile.js';

/**
 * One scheduling cycle without I/O: filter nodes (first rejecting plugin wins), score the
 * feasible ones (each plugin 0..100 times its weight), rank them. With `sampling`, filtering
 * stops once enough feasible nodes are found, as kube-scheduler's percentageOfNodesToScore;
 * without, every node is filtered. Equal scores are ordered at random, like kube-scheduler's
 * selectHost, which also keeps two scheduler processes from always racing for the same node.
 */
export function schedulePod(
  pod: Pod,
  view: ClusterView,
  profile: SchedulingProfile,
  random: () => number = Math.random,
  sampling?: NodeSampling,
): ScheduleResult {
  const nodes = view.nodes;
  const wanted = sampling ? sampling.numFeasibleNodesToFind(nodes.length) : nodes.length;
  const start = sampling ? sampling.start(nodes.length) : 0;
  const rejected = new Map<string, FilterStatus>();
  const feasible: NodeInfo[] = [];
  let processed = 0;
  for (; processed < nodes.length && feasible.length < wanted; processed++) {
    const node = nodes[(start + processed) % nodes.length];
    const status = runFilters(pod, node, profile);
    if (status) rejected.set(node.name, status);
    else feasible.push(node);
  }
  sampling?.advance(nodes.length, processed);

  const totals = feasible.map(() => 0);
  for (const plugin of profile.scores) {
    const scores = feasible.map((node) => plugin.score(pod, node));
    plugin.normalize?.(scores);
    scores.forEach((s, i) => (totals[i] += s * plugin.weight));
  }
  const candidates: (ScoredNode & { tie: number })[] = feasible.map((node, i) => ({
    name: node.name,
    score: totals[i],
    tie: random(),
  }));
  candidates.sort((a, b) => b.score - a.score || a.tie - b.tie);
  return {
    candidates: candidates.map(({ name, score }) => ({ name, score })),
    rejected,
    numAllNodes: nodes.length,
  };
}
