import type { Pod } from '#api';
import type { ClusterView } from './cluster-view.js';
import type { FilterStatus } from './filter-status.js';
import type { NodeInfo } from './node-info.js';
import type { NodeSampling } from './node-sampling.js';
import { runFilters } from './run-filters.js';
import { bestFirst } from './select-host.js';
import type { ScheduleResult } from './schedule-result.js';
import type { SchedulingProfile } from './scheduling-profile.js';

/**
 * One scheduling cycle without I/O: filter nodes (first rejecting plugin wins; plugins that
 * skip the pod are left out, as after kube-scheduler's PreFilter), score the
 * feasible ones (each plugin 0..100 times its weight), rank them. With `sampling`, filtering
 * stops once enough feasible nodes are found, as kube-scheduler's percentageOfNodesToScore;
 * without, every node is filtered. Candidates come best first, equal scores in random order
 * (select-host.ts), which also keeps two scheduler processes from always racing for the same node.
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
  const filters = profile.filters.filter((plugin) => !plugin.skips?.(pod));
  const rejected = new Map<string, FilterStatus>();
  const feasible: NodeInfo[] = [];
  let processed = 0;
  for (; processed < nodes.length && feasible.length < wanted; processed++) {
    const node = nodes[(start + processed) % nodes.length];
    const status = runFilters(pod, node, filters);
    if (status) rejected.set(node.name, status);
    else feasible.push(node);
  }
  sampling?.advance(nodes.length, processed);

  const totals = new Float64Array(feasible.length);
  for (const plugin of profile.scores) {
    if (plugin.normalize) {
      const scores = feasible.map((node) => plugin.score(pod, node));
      plugin.normalize(scores);
      for (let i = 0; i < scores.length; i++) totals[i] += scores[i] * plugin.weight;
    } else {
      for (let i = 0; i < feasible.length; i++) totals[i] += plugin.score(pod, feasible[i]) * plugin.weight;
    }
  }
  const names = feasible.map((node) => node.name);
  return { candidates: bestFirst(names, totals, random), rejected, numAllNodes: nodes.length };
}
