import type { Node, Pod } from '#api';
import type { ApiClient, Informer } from '#client';
import type { WorkQueue } from '#reconcile';
import { registerCacheHandlers } from './cache/register-cache-handlers.js';
import { SchedulerCache } from './cache/scheduler-cache.js';
import type { EventSink } from './event-sink.js';
import type { CapacityLedger } from './ledger/capacity-ledger.js';
import { registerSchedulerEventHandlers } from './queue/scheduler-event-handlers.js';
import { UnschedulableBackoff } from './queue/unschedulable-backoff.js';
import { SchedulerReconciler } from './scheduler.reconciler.js';

export interface SchedulerParts {
  client: ApiClient;
  pods: Informer<Pod>;
  nodes: Informer<Node>;
  queue: WorkQueue;
  ledger: CapacityLedger;
  events: EventSink;
  onError(err: unknown): void;
}

/**
 * One scheduler process's pieces, connected in the order they depend on each other: the
 * cache hears informer events before the handlers that queue pods, and the reconciler and
 * those handlers share the set of pods found unschedulable. Register before the informers start.
 */
export function wireScheduler(parts: SchedulerParts): { reconciler: SchedulerReconciler; cache: SchedulerCache } {
  const { client, pods, nodes, queue, ledger, events, onError } = parts;
  const cache = new SchedulerCache();
  registerCacheHandlers(cache, pods, nodes);
  const unschedulable = new UnschedulableBackoff();
  registerSchedulerEventHandlers({ pods, nodes, queue, ledger, unschedulable, onError });
  const reconciler = new SchedulerReconciler({ client, pods, cache, ledger, events, backoff: unschedulable });
  return { reconciler, cache };
}
