import type { Node, Pod } from '#api';
import { NodeTaintKey } from './node-taint-keys.js';

type Taint = NonNullable<NonNullable<Node['spec']>['taints']>[number];
type Toleration = NonNullable<NonNullable<Pod['spec']>['tolerations']>[number];

/**
 * When the taint manager evicts `pod` from a node with these taints: the earliest over its
 * NoExecute taints of timeAdded + the matching toleration's tolerationSeconds. A toleration
 * without tolerationSeconds tolerates forever; no matching toleration evicts at once, except
 * for the not-ready and unreachable taints, which kube-apiserver's DefaultTolerationSeconds
 * admission would have tolerated for `defaultSeconds`: kubenest's apiserver does not add
 * those tolerations, so the default is applied here. Returns epoch ms, or undefined (never).
 */
export function evictionDeadline(pod: Pod, taints: Taint[], defaultSeconds: number): number | undefined {
  let deadline: number | undefined;
  for (const taint of taints) {
    if (taint.effect !== 'NoExecute') continue;
    const added = taint.timeAdded ? Date.parse(taint.timeAdded) : 0;
    const seconds = toleratedSeconds(pod.spec?.tolerations ?? [], taint, defaultSeconds);
    if (seconds === undefined) continue;
    const at = added + seconds * 1000;
    deadline = deadline === undefined ? at : Math.min(deadline, at);
  }
  return deadline;
}

function toleratedSeconds(tolerations: Toleration[], taint: Taint, defaultSeconds: number): number | undefined | 0 {
  const matching = tolerations.filter((t) => tolerates(t, taint));
  if (matching.length === 0) {
    const defaulted = taint.key === NodeTaintKey.notReady || taint.key === NodeTaintKey.unreachable;
    return defaulted ? defaultSeconds : 0;
  }
  if (matching.some((t) => t.tolerationSeconds === undefined)) return undefined;
  return Math.max(0, Math.min(...matching.map((t) => t.tolerationSeconds!)));
}

/** v1.Toleration.ToleratesTaint. */
function tolerates(toleration: Toleration, taint: Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  if (toleration.operator === 'Exists') return true;
  if (!toleration.key) return false; // an empty key needs Exists
  return (toleration.value ?? '') === (taint.value ?? '');
}
