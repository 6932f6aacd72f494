import type { Node, Pod } from '#api';
import type { Informer } from '#client';
import { objectKey, type WorkQueue } from '#reconcile';
import { isTerminal } from '../framework/pod-phase.js';
import type { CapacityLedger } from '../ledger/capacity-ledger.js';
import { needsScheduling } from '../needs-scheduling.js';

export interface SchedulerEventHandlerDeps {
  pods: Informer<Pod>;
  nodes: Informer<Node>;
  queue: WorkQueue;
  ledger: CapacityLedger;
  onError(err: unknown): void;
}

/**
 * Turns informer events into keys, as kube-scheduler's event handlers move pods out of
 * the unschedulable queue: a pending pod is queued when it appears or changes; every
 * pending pod is queued again when room may have appeared (a node added or changed in a
 * way that matters, a bound pod deleted or finished), and such pods release their ledger
 * reservation first.
 */
export function registerSchedulerEventHandlers(deps: SchedulerEventHandlerDeps): void {
  const { pods, nodes, queue, ledger, onError } = deps;
  const add = (pod: Pod) => queue.add(objectKey(pod.metadata.namespace, pod.metadata.name!)).catch(onError);
  const requeuePending = () => pods.list().filter(needsScheduling).forEach(add);
  const freed = (pod: Pod) =>
    ledger
      .release(pod.metadata.uid ?? '')
      .then(requeuePending)
      .catch(onError);

  pods.addHandlers({
    add: (pod) => needsScheduling(pod) && void add(pod),
    update: (old, pod) => {
      if (needsScheduling(pod)) void add(pod);
      if (!isTerminal(old) && isTerminal(pod)) void freed(pod);
    },
    delete: (pod) => void freed(pod),
  });
  nodes.addHandlers({
    add: requeuePending,
    update: (old, node) => schedulingRelevantChange(old, node) && requeuePending(),
  });
}

/** Heartbeats change a node every few seconds; only these fields can make room or rules. */
function schedulingRelevantChange(old: Node, node: Node): boolean {
  const relevant = (n: Node) =>
    JSON.stringify([
      n.spec?.unschedulable,
      n.spec?.taints,
      n.metadata.labels,
      n.status?.allocatable,
      n.status?.conditions?.find((c) => c.type === 'Ready')?.status,
    ]);
  return relevant(old) !== relevant(node);
}
