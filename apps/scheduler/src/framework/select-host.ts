import type { ScoredNode } from './schedule-result.js';

/**
 * Feasible nodes best score first, found one at a time: kube-scheduler's selectHost picks
 * the highest score, ties broken uniformly at random (reservoir sampling), without sorting
 * every node. Almost every cycle takes only the first; the next ones are needed only when
 * the ledger refuses a node, so each step is a linear scan of the nodes not yet taken.
 * Example: scores a 90, b 95, c 95 -> b or c (each with probability 1/2), then the other, then a.
 */
export function* bestFirst(
  names: readonly string[],
  scores: ArrayLike<number>,
  random: () => number = Math.random,
): Generator<ScoredNode> {
  // Indexes of the nodes not taken yet, in left[0..count).
  const left = new Int32Array(names.length).map((_, i) => i);
  let count = left.length;
  while (count > 0) {
    let best = 0;
    let ties = 1;
    for (let i = 1; i < count; i++) {
      const score = scores[left[i]];
      const bestScore = scores[left[best]];
      if (score > bestScore) {
        best = i;
        ties = 1;
      } else if (score === bestScore && Math.floor(random() * ++ties) === 0) {
        best = i;
      }
    }
    const chosen = left[best];
    left[best] = left[--count];
    yield { name: names[chosen], score: scores[chosen] };
  }
}
