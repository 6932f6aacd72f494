import type { Pod } from '#api';
import type { ScheduleResult, ScoredNode } from './schedule-result.js';
import type { SchedulingProfile } from './scheduling-profile.js';
import type { Snapshot } from './snapshot.js';
import type { FilterStatus } from './filter-status.js';

/**
 * One scheduling cycle without I/O: filter every node (first rejecting plugin wins), score
 * the feasible ones (each plugin 0..100 times its weight), rank them. Equal scores are
 * ordered at random, like kube-scheduler's selectHost, which also keeps two scheduler
 * processes from always racing for the same node.
 */
export function schedulePod(
  pod: Pod,
  snapshot: Snapshot,
  profile: SchedulingProfile,
  random: () => number = Math.random,
): ScheduleResult {
  const rejected = new Map<string, FilterStatus>();
  const feasible = snapshot.nodes.filter((node) => {
    for (const plugin of profile.filters) {
      const status = plugin.filter(pod, node);
      if (status) {
        rejected.set(node.name, status);
        return false;
      }
    }
    return true;
  });

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
    numAllNodes: snapshot.nodes.length,
  };
}
