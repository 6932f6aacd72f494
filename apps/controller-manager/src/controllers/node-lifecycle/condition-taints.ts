import type { Node } from '#api';
import { NodeTaintKey } from './node-taint-keys.js';

type Taint = NonNullable<NonNullable<Node['spec']>['taints']>[number];
const OWNED: string[] = [NodeTaintKey.unreachable, NodeTaintKey.notReady];

/**
 * The taints a node should carry for its Ready status: Unknown -> unreachable, False ->
 * not-ready, each NoSchedule and NoExecute; True -> neither. Other taints are kept; a taint
 * already present keeps its timeAdded, since eviction deadlines count from it.
 * Returns undefined when nothing changes.
 */
export function conditionTaints(taints: Taint[] = [], ready: string | undefined, now: Date): Taint[] | undefined {
  const key = ready === 'Unknown' ? NodeTaintKey.unreachable : ready === 'False' ? NodeTaintKey.notReady : undefined;
  const wanted: Taint[] = key
    ? [
        { key, effect: 'NoSchedule' },
        { key, effect: 'NoExecute', timeAdded: now.toISOString().replace(/\.\d{3}Z$/, 'Z') },
      ]
    : [];
  const same = (a: Taint, b: Taint) => a.key === b.key && a.effect === b.effect;
  const owned = taints.filter((t) => OWNED.includes(t.key));
  if (owned.length === wanted.length && wanted.every((w) => owned.some((t) => same(t, w)))) return undefined;
  const kept = taints.filter((t) => !OWNED.includes(t.key));
  return [...kept, ...wanted.map((w) => taints.find((t) => same(t, w)) ?? w)];
}
