import type { Pod } from '#api';

export interface TaintLike {
  key: string;
  value?: string;
  effect: string;
}

export interface TolerationLike {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
}

/**
 * v1.Toleration.ToleratesTaint: an empty effect matches every effect; an empty key with
 * Exists matches every taint; Exists ignores the value; Equal (the default) compares it.
 */
export function toleratesTaint(toleration: TolerationLike, taint: TaintLike): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  switch (toleration.operator ?? 'Equal') {
    case 'Exists':
      return true;
    case 'Equal':
      return (toleration.value ?? '') === (taint.value ?? '');
    default:
      return false;
  }
}

export function podToleratesTaint(pod: Pod, taint: TaintLike): boolean {
  const tolerations = pod.spec?.tolerations;
  return tolerations !== undefined && tolerations.some((t) => toleratesTaint(t, taint));
}

/** How kube-scheduler names a taint in messages: {key: value}. */
export function describeTaint(taint: TaintLike): string {
  return `{${taint.key}: ${taint.value ?? ''}}`;
}
