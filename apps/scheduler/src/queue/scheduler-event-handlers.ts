import type { Node, Pod } from '#api';
import type { Informer } from '#client';
import { objectKey, splitObjectKey, type WorkQueue } from '#reconcile';
import { isTerminal } from '../framework/pod-phase.js';
import type { CapacityLedger } from '../ledger/capacity-ledger.js';
import { needsScheduling } from '../needs-scheduling.js';
import type { UnschedulableBackoff } from './unschedulable-backoff.js';

export interface SchedulerEventHandlerDeps {
  pods: Informer<Pod>;
  nodes: Informer<Node>;
  queue: WorkQueue;
  ledger: CapacityLedger;
  /** The pods this process found unschedulable: the ones a cluster change may help. */
  unschedulable: UnschedulableBackoff;
  onError(err: unknown): void;
}

/**
 * Turns informer events into keys, as kube-scheduler's event handlers: a pending pod is
 * queued when it appears or changes; the pods found unschedulable are queued again when
 * room may have appeared (a node added or changed in a way that matters, a bound pod
 * deleted or finished, whose ledger reservation is released first). Pods never tried are
 * in the queue already, so they are not queued again; a burst of events (a thousand nodes
 * at start) requeues once.
 */
export function registerSchedulerEventHandlers(deps: SchedulerEventHandlerDeps): void {
  const { pods, nodes, queue, ledger, unschedulable, onError } = deps;
  const add = (key: string) => void queue.add(key).catch(onError);
  let requeueScheduled = false;
  const requeueUnschedulable = () => {
    if (requeueScheduled) return;
    requeueScheduled = true;
    setImmediate(() => {
      requeueScheduled = false;
      for (const key of [...unschedulable.keys()]) {
        const { namespace, name } = splitObjectKey(key);
        const pod = pods.get(namespace, name);
        if (pod && needsScheduling(pod)) add(key);
        else unschedulable.reset(key);
      }
    });
  };
  const keyOf = (pod: Pod) => objectKey(pod.metadata.namespace, pod.metadata.name!);
  const freed = (pod: Pod) =>
    void ledger
      .release(pod.metadata.uid ?? '')
      .then(requeueUnschedulable)
      .catch(onError);

  pods.addHandlers({
    add: (pod) => needsScheduling(pod) && add(keyOf(pod)),
    update: (old, pod) => {
      if (needsScheduling(pod)) add(keyOf(pod));
      if (!isTerminal(old) && isTerminal(pod)) freed(pod);
    },
    delete: freed,
  });
  nodes.addHandlers({
    add: requeueUnschedulable,
    update: (old, node) => schedulingRelevantChange(old, node) && requeueUnschedulable(),
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
