import type { FilterStatus } from './filter-status.js';

/** A feasible node and its weighted score. */
export interface ScoredNode {
  name: string;
  score: number;
}

export interface ScheduleResult {
  /** Feasible nodes, best score first (ties in random order), ranked as they are taken; none when no node fits. */
  candidates: Iterable<ScoredNode>;
  /** Why each infeasible node was rejected, by node name. */
  rejected: Map<string, FilterStatus>;
  numAllNodes: number;
}
