import { ApiError, BUILTIN_RESOURCES, type Pod, type PodCondition } from '#api';
import type { ApiClient, Informer } from '#client';
import { splitObjectKey, type Reconciler, type ReconcileResult } from '#reconcile';
import type { SchedulerCache } from './cache/scheduler-cache.js';
import type { EventSink } from './event-sink.js';
import { fitErrorMessage } from './framework/fit-error.js';
import { ERR_TOO_MANY_PODS } from './framework/plugins/node-resources-fit.js';
import type { FilterStatus } from './framework/filter-status.js';
import { NodeSampling } from './framework/node-sampling.js';
import { runFilters } from './framework/run-filters.js';
import { schedulePod } from './framework/schedule-pod.js';
import { defaultProfile, type SchedulingProfile } from './framework/scheduling-profile.js';
import { unschedulable } from './framework/unschedulable.js';
import type { CapacityLedger } from './ledger/capacity-ledger.js';
import { InsufficientCapacityError } from './ledger/insufficient-capacity-error.js';
import { ledgerNode } from './ledger/ledger-node.js';
import { ledgerPod } from './ledger/ledger-pod.js';
import { ReservationHeldError } from './ledger/reservation-held-error.js';
import { needsScheduling } from './needs-scheduling.js';
import { UnschedulableBackoff } from './queue/unschedulable-backoff.js';
import { SchedulingReasons } from './scheduling-reasons.js';

const PODS = BUILTIN_RESOURCES.find((t) => t.group === '' && t.resource === 'pods')!;
/** How soon to look again at a pod another process holds a reservation for. */
const HELD_RETRY_MS = 1_000;

export interface SchedulerReconcilerDeps {
  client: ApiClient;
  pods: Informer<Pod>;
  cache: SchedulerCache;
  ledger: CapacityLedger;
  events: EventSink;
  profile?: SchedulingProfile;
  backoff?: UnschedulableBackoff;
  sampling?: NodeSampling;
  random?: () => number;
  now?: () => number;
}

/**
 * kube-scheduler's scheduleOne as a level-triggered reconcile of one pod key:
 * filter -> score (on the SchedulerCache, no I/O) -> assume -> reserve in the Redis ledger
 * -> pods/binding -> Scheduled event. The pod is assumed on its node before the first
 * await, so the cycles running while this one waits for Redis and the apiserver count it;
 * no node -> FailedScheduling event + PodScheduled=False, retried with backoff and
 * whenever nodes or pods change (see scheduler-event-handlers.ts).
 */
export class SchedulerReconciler implements Reconciler {
  readonly name = 'scheduler';
  private readonly profile: SchedulingProfile;
  private readonly backoff: UnschedulableBackoff;
  private readonly sampling: NodeSampling;
  private readonly now: () => number;

  constructor(private readonly deps: SchedulerReconcilerDeps) {
    this.profile = deps.profile ?? defaultProfile();
    this.backoff = deps.backoff ?? new UnschedulableBackoff();
    this.sampling = deps.sampling ?? new NodeSampling();
    this.now = deps.now ?? Date.now;
  }

  async reconcile(key: string): Promise<ReconcileResult> {
    const { namespace, name } = splitObjectKey(key);
    const pod = this.deps.pods.get(namespace, name);
    if (!pod || !needsScheduling(pod)) {
      this.backoff.reset(key);
      return;
    }
    const { cache, ledger } = this.deps;
    const uid = pod.metadata.uid ?? '';
    // Our binding is on its way: the informer will show the pod bound, or the assumption expires.
    if (cache.isAssumed(uid)) return;
    const result = schedulePod(pod, cache, this.profile, this.deps.random, this.sampling);
    const rejected = new Map<string, FilterStatus>(result.rejected);
    let first = true;
    for (const candidate of result.candidates) {
      const info = cache.get(candidate.name);
      const later = !first;
      first = false;
      if (!info) continue; // deleted while an earlier candidate was tried
      if (later) {
        // Earlier attempts awaited I/O: the informer may have bound the pod, or filled this node.
        if (cache.nodeOf(uid)) return;
        const status = runFilters(pod, info, this.profile.filters);
        if (status) {
          rejected.set(candidate.name, status);
          continue;
        }
      }
      const uncharged = info.unchargedBoundPods().map(ledgerPod);
      cache.assume(pod, candidate.name);
      try {
        await ledger.reserve(ledgerNode(info), ledgerPod(pod), uncharged);
      } catch (err) {
        cache.forget(uid);
        if (err instanceof InsufficientCapacityError) {
          // The script charged the pods sent before it found the node full.
          info.markCharged(uncharged.map((p) => p.uid));
          // The ledger knows of pods our informer has not shown yet: the node is full after all.
          rejected.set(candidate.name, unschedulable('NodeResourcesFit', ...err.resources.map(shortageReason)));
          continue;
        }
        if (err instanceof ReservationHeldError) return { requeueAfterMs: HELD_RETRY_MS };
        throw err;
      }
      info.markCharged([...uncharged.map((p) => p.uid), uid]);
      await this.bind(pod, candidate.name);
      this.backoff.reset(key);
      return;
    }
    await this.recordUnschedulable(pod, fitErrorMessage(result.numAllNodes, rejected.values()));
    return { requeueAfterMs: this.backoff.next(key) };
  }

  private async bind(pod: Pod, node: string): Promise<void> {
    const { namespace, name, uid } = pod.metadata as { namespace: string; name: string; uid: string };
    const binding = {
      apiVersion: 'v1',
      kind: 'Binding',
      metadata: { name, namespace },
      target: { apiVersion: 'v1', kind: 'Node', name: node },
    };
    try {
      await this.deps.client.postSubresource(PODS, namespace, name, 'binding', binding);
    } catch (err) {
      this.deps.cache.forget(uid);
      if (err instanceof ApiError && (err.code === 409 || err.code === 404)) {
        // Bound by someone else, or gone. Keep the reservation only if it is the pod's real place.
        const current = err.code === 409 ? await this.deps.client.get<Pod>(PODS, namespace, name) : undefined;
        if (current?.spec?.nodeName !== node) await this.deps.ledger.release(uid);
        return;
      }
      await this.deps.ledger.release(uid);
      throw err;
    }
    this.deps.cache.finishBinding(uid);
    this.deps.events.event(
      pod,
      'Normal',
      SchedulingReasons.scheduled,
      `Successfully assigned ${namespace}/${name} to ${node}`,
    );
  }

  private async recordUnschedulable(pod: Pod, message: string): Promise<void> {
    this.deps.events.event(pod, 'Warning', SchedulingReasons.failedScheduling, message);
    const previous = pod.status?.conditions?.find((c) => c.type === SchedulingReasons.podScheduledCondition);
    const unchanged =
      previous?.status === 'False' &&
      previous.reason === SchedulingReasons.unschedulable &&
      previous.message === message;
    if (unchanged) return;
    const condition: PodCondition = {
      type: SchedulingReasons.podScheduledCondition,
      status: 'False',
      reason: SchedulingReasons.unschedulable,
      message,
      lastProbeTime: null as unknown as string,
      lastTransitionTime:
        previous?.status === 'False' && previous.lastTransitionTime
          ? previous.lastTransitionTime
          : new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    };
    try {
      await this.deps.client.patch(
        PODS,
        pod.metadata.namespace,
        pod.metadata.name!,
        { status: { conditions: [condition] } },
        'strategic',
        { subresource: 'status' },
      );
    } catch (err) {
      if (!(err instanceof ApiError && err.code === 404)) throw err;
    }
  }
}

function shortageReason(resource: string): string {
  return resource === 'pods' ? ERR_TOO_MANY_PODS : `Insufficient ${resource}`;
}
