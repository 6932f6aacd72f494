import type { Pod } from '#api';
import { isTerminal } from './framework/pod-phase.js';
import { SchedulingReasons } from './scheduling-reasons.js';

/** A pod this scheduler should place: unbound, alive, ours, and not gated. */
export function needsScheduling(pod: Pod): boolean {
  return (
    !pod.metadata.deletionTimestamp &&
    !pod.spec?.nodeName &&
    (pod.spec?.schedulerName ?? SchedulingReasons.defaultSchedulerName) === SchedulingReasons.defaultSchedulerName &&
    !isTerminal(pod) &&
    !pod.spec?.schedulingGates?.length
  );
}
