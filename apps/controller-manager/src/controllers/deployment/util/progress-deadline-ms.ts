import type { Deployment } from '#api';

/** MaxInt32 means "no deadline" (HasProgressDeadline); undefined when there is none. */
export function progressDeadlineMs(d: Deployment): number | undefined {
  const seconds = d.spec?.progressDeadlineSeconds;
  if (seconds === undefined || seconds === 2147483647) return undefined;
  return seconds * 1000;
}
