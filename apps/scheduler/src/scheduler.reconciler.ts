import { ApiError, BUILTIN_RESOURCES, type Node, type Pod, type PodCondition } from '#api';
import type { ApiClient, Informer } from '#client';
import { splitObjectKey, type Reconciler, type ReconcileResult } from '#reconcile';
import type { EventSink } from './event-sink.js';
import { fitErrorMessage } from './framework/fit-error.js';
import { ERR_TOO_MANY_PODS } from './framework/plugins/node-resources-fit.js';
import type { FilterStatus } from './framework/filter-status.js';
import { schedulePod } from './framework/schedule-pod.js';
import { defaultProfile, type SchedulingProfile } from './framework/scheduling-profile.js';
import { Snapshot } from './framework/snapshot.js';
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
/** An assumed pod the informer never shows bound is forgotten after this. */
const ASSUME_TTL_MS = 30_000;

export interface SchedulerReconcilerDeps {
  client: ApiClient;
  pods: Informer<Pod>;
  nodes: Informer<Node>;
  ledger: CapacityLedger;
  events: EventSink;
  profile?: SchedulingProfile;
  backoff?: UnschedulableBackoff;
  random?: () => number;
  now?: () => number;
}

interface Assumed {
  pod: Pod;
  node: string;
  at: number;
}

/**
 * kube-scheduler's scheduleOne as a level-triggered reconcile of one pod key:
 * filter -> score -> reserve in the Redis ledger -> pods/binding -> Scheduled event;
 * no node -> FailedScheduling event + PodScheduled=False, retried with backoff and
 * whenever nodes or pods change (see scheduler-event-handlers.ts).
 */
export class SchedulerReconciler implements Reconciler {
  readonly name = 'scheduler';
  private readonly profile: SchedulingProfile;
  private readonly backoff: UnschedulableBackoff;
  private readonly now: () => number;
  /** Pods this process bound that its informer does not show bound yet, by uid. */
  private readonly assumed = new Map<string, Assumed>();

  constructor(private readonly deps: SchedulerReconcilerDeps) {
    this.profile = deps.profile ?? defaultProfile();
    this.backoff = deps.backoff ?? new UnschedulableBackoff();
    this.now = deps.now ?? Date.now;
  }

  async reconcile(key: string): Promise<ReconcileResult> {
    const { namespace, name } = splitObjectKey(key);
    const pod = this.deps.pods.get(namespace, name);
    if (!pod || !needsScheduling(pod)) {
      this.backoff.reset(key);
      return;
    }
    const snapshot = new Snapshot(this.deps.nodes.list(), this.deps.pods.list(), this.assumedPods());
    const result = schedulePod(pod, snapshot, this.profile, this.deps.random);
    const rejected = new Map<string, FilterStatus>(result.rejected);
    for (const candidate of result.candidates) {
      const info = snapshot.get(candidate.name)!;
      try {
        await this.deps.ledger.reserve(ledgerNode(info), ledgerPod(pod), info.pods.map(ledgerPod));
      } catch (err) {
        if (err instanceof InsufficientCapacityError) {
          // The ledger knows of pods our informer has not shown yet: the node is full after all.
          rejected.set(candidate.name, unschedulable('NodeResourcesFit', ...err.resources.map(shortageReason)));
          continue;
        }
        if (err instanceof ReservationHeldError) return { requeueAfterMs: HELD_RETRY_MS };
        throw err;
      }
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
      if (err instanceof ApiError && (err.code === 409 || err.code === 404)) {
        // Bound by someone else, or gone. Keep the reservation only if it is the pod's real place.
        const current = err.code === 409 ? await this.deps.client.get<Pod>(PODS, namespace, name) : undefined;
        if (current?.spec?.nodeName !== node) await this.deps.ledger.release(uid);
        return;
      }
      await this.deps.ledger.release(uid);
      throw err;
    }
    this.assumed.set(uid, { pod, node, at: this.now() });
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

  /** Assumed pods still worth counting: not yet shown bound, not gone, not too old. */
  private assumedPods(): Map<Pod, string> {
    const out = new Map<Pod, string>();
    for (const [uid, entry] of this.assumed) {
      const current = this.deps.pods.get(entry.pod.metadata.namespace, entry.pod.metadata.name!);
      const settled = !current || current.metadata.uid !== uid || !!current.spec?.nodeName;
      if (settled || this.now() - entry.at > ASSUME_TTL_MS) this.assumed.delete(uid);
      else out.set(entry.pod, entry.node);
    }
    return out;
  }
}

function shortageReason(resource: string): string {
  return resource === 'pods' ? ERR_TOO_MANY_PODS : `Insufficient ${resource}`;
}
