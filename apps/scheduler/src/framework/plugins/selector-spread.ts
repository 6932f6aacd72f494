import type { Pod } from '#api';
import type { NodeInfo } from '../node-info.js';
import { podInfoOf } from '../pod-info.js';
import { MAX_NODE_SCORE, type ScorePlugin } from '../score-plugin.js';

/**
 * SelectorSpread-like: replicas of one controller (same controller ownerReference uid)
 * should not pile onto one node. Raw score = sibling count on the node (kept by NodeInfo,
 * so no pod walk); normalized so the node with the most siblings gets 0 and a node with
 * none gets 100. Example: siblings 0, 2, 4 on three nodes -> 100, 50, 0.
 */
export class SelectorSpread implements ScorePlugin {
  readonly name = 'SelectorSpread';

  constructor(readonly weight = 2) {}

  score(pod: Pod, node: NodeInfo): number {
    const { controllerKey } = podInfoOf(pod);
    return controllerKey ? node.siblings(controllerKey) : 0;
  }

  normalize(scores: number[]): void {
    let max = 0;
    for (const s of scores) if (s > max) max = s;
    for (let i = 0; i < scores.length; i++) {
      scores[i] = max === 0 ? MAX_NODE_SCORE : Math.floor(((max - scores[i]) * MAX_NODE_SCORE) / max);
    }
  }
}
