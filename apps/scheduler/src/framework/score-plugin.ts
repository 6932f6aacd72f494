import type { Pod } from '#api';
import type { NodeInfo } from './node-info.js';

export const MAX_NODE_SCORE = 100;

/**
 * A Score extension point plugin. `score` rates one feasible node; `normalize`, when the
 * raw scores only mean something relative to each other, maps them in place onto 0..100.
 */
export interface ScorePlugin {
  readonly name: string;
  readonly weight: number;
  score(pod: Pod, node: NodeInfo): number;
  normalize?(scores: number[]): void;
}
