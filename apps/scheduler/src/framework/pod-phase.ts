import type { Pod } from '#api';

/** Succeeded and Failed pods hold no resources on their node any more. */
export function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}
