import type { FilterStatus } from './filter-status.js';

/** A ranked feasible node: the best first; the rest are fallbacks if the reservation fails. */
export interface ScoredNode {
  name: string;
  score: number;
}

export interface ScheduleResult {
  /** Feasible nodes, best score first (ties in random order); empty when none fits. */
  candidates: ScoredNode[];
  /** Why each infeasible node was rejected, by node name. */
  rejected: Map<string, FilterStatus>;
  numAllNodes: number;
}
