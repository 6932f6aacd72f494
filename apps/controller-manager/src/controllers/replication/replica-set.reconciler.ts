import { isDeepStrictEqual } from 'node:util';
import { ApiError, type Pod } from '#api';
import type { ApiClient, Informer } from '#client';
import { splitObjectKey, type ReconcileResult, type Reconciler } from '#reconcile';
import type { Logger } from 'pino';
import { claimPods } from './claim-pods.js';
import { isPodActive } from './is-pod-active.js';
import { PodControl, type EventSink } from './pod-control.js';
import { podsToDelete } from './pods-to-delete.js';
import type { ReplicatedKind, ReplicatedObject } from './replicated-kind.js';
import { ReplicationEventReason } from './replication-event-reasons.js';
import { slowStartBatch } from './slow-start.js';
import { calculateStatus } from './status.js';
import { WriteTracker } from './write-tracker.js';

/** Kubernetes' BurstReplicas: at most this many creates or deletes per reconcile. */
const BURST_REPLICAS = 500;
/** slowStartBatch's first batch (controller.SlowStartInitialBatchSize). */
const SLOW_START_INITIAL_BATCH = 1;

export interface ReplicaSetReconcilerDeps {
  kind: ReplicatedKind;
  client: ApiClient;
  owners: Informer<ReplicatedObject>;
  pods: Informer<Pod>;
  recorder: EventSink;
  /** Cross-process read-your-writes (Expectations); absent in single-process tests. */
  expectations?: { expect(key: string, resourceVersion: string): Promise<void> };
  logger?: Pick<Logger, 'warn' | 'debug'>;
  now?: () => number;
}

/**
 * syncReplicaSet for ReplicaSets and ReplicationControllers: claim the matching pods, create
 * or delete pods until the active ones number spec.replicas, then write status. Reads only
 * informer caches; every write's resourceVersion goes to expectations, so that the next
 * reconcile of the key, in whichever process, starts from a cache that includes them.
 */
export class ReplicaSetReconciler implements Reconciler {
  readonly name: string;
  private readonly podControl: PodControl;
  private readonly now: () => number;

  constructor(private readonly deps: ReplicaSetReconcilerDeps) {
    this.name = deps.kind.controllerName;
    this.podControl = new PodControl(deps.client, deps.recorder, deps.kind);
    this.now = deps.now ?? Date.now;
  }

  async reconcile(key: string): Promise<ReconcileResult> {
    const { namespace, name } = splitObjectKey(key);
    const owner = this.deps.owners.get(namespace, name);
    if (!owner) return; // deleted: its pods are the garbage collector's

    let selector;
    try {
      selector = this.deps.kind.selectorOf(owner);
      if (selector.isEmpty()) throw ApiError.badRequest('an empty selector would select every pod of the namespace');
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      // An invalid spec: retrying cannot help; the next edit of the object brings the key back.
      this.deps.recorder.event(owner, 'Warning', ReplicationEventReason.InvalidSelector, err.message);
      this.deps.logger?.warn({ key, err: err.message }, 'invalid selector; not retrying');
      return;
    }

    const writes = new WriteTracker();
    try {
      const pods = await claimPods({
        client: this.deps.client,
        owner,
        ownerRef: this.podControl.controllerRefFor(owner),
        selector,
        pods: this.deps.pods.list(namespace).filter(isPodActive),
        writes,
        canAdopt: () => this.confirmOwner(owner),
      });
      const manageError = owner.metadata.deletionTimestamp ? undefined : await this.manageReplicas(owner, pods, writes);
      const computed = calculateStatus(owner, pods, manageError, this.now());
      await this.writeStatus(owner, computed.status, writes);
      if (manageError) throw manageError.error;
      if (computed.recheckInMs !== undefined) return { requeueAfterMs: computed.recheckInMs };
    } finally {
      if (writes.highestResourceVersion && this.deps.expectations)
        await this.deps.expectations.expect(key, writes.highestResourceVersion);
    }
  }

  /** Creates (slow start) or deletes (ranked) pods toward spec.replicas; returns the first failure. */
  private async manageReplicas(
    owner: ReplicatedObject,
    pods: Pod[],
    writes: WriteTracker,
  ): Promise<{ scalingUp: boolean; message: string; error: unknown } | undefined> {
    const diff = pods.length - (owner.spec?.replicas ?? 1);
    if (diff < 0) {
      const count = Math.min(-diff, BURST_REPLICAS);
      const { error } = await slowStartBatch(count, SLOW_START_INITIAL_BATCH, () =>
        this.podControl.createPod(owner, writes),
      );
      return error === undefined ? undefined : { scalingUp: true, message: messageOf(error), error };
    }
    if (diff > 0) {
      const victims = podsToDelete(pods, Math.min(diff, BURST_REPLICAS));
      const results = await Promise.allSettled(victims.map((pod) => this.podControl.deletePod(owner, pod)));
      writes.observe(await this.podControl.currentResourceVersion(owner.metadata.namespace));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      return failed ? { scalingUp: false, message: messageOf(failed.reason), error: failed.reason } : undefined;
    }
    return undefined;
  }

  private async writeStatus(
    owner: ReplicatedObject,
    status: Record<string, unknown>,
    writes: WriteTracker,
  ): Promise<void> {
    if (isDeepStrictEqual(ownedStatusFields(owner.status ?? {}), ownedStatusFields(status))) return;
    // A merge patch of the whole status: conditions is replaced as a list (null removes it).
    const patch = { status: { conditions: null, ...status } };
    const { namespace, name } = owner.metadata;
    try {
      const updated = await this.deps.client.patch<ReplicatedObject>(
        this.deps.kind.type,
        namespace,
        name!,
        patch,
        'merge',
        {
          subresource: 'status',
        },
      );
      writes.observe(updated.metadata.resourceVersion);
    } catch (err) {
      if (err instanceof ApiError && err.code === 404) return;
      throw err;
    }
  }

  /** canAdoptFunc: a fresh GET, so a recreated owner of the same name never adopts for the old one. */
  private async confirmOwner(owner: ReplicatedObject): Promise<void> {
    const { namespace, name, uid } = owner.metadata;
    const fresh = await this.deps.client.get<ReplicatedObject>(this.deps.kind.type, namespace, name!);
    if (!fresh || fresh.metadata.uid !== uid)
      throw new Error(
        `${this.deps.kind.type.kind} ${namespace}/${name} is gone: got uid ${fresh?.metadata.uid}, wanted ${uid}`,
      );
    if (fresh.metadata.deletionTimestamp)
      throw new Error(
        `${this.deps.kind.type.kind} ${namespace}/${name} has just been deleted at ${fresh.metadata.deletionTimestamp}`,
      );
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The status fields this controller writes; others (terminatingReplicas) never force a write. */
function ownedStatusFields(status: Record<string, unknown>): unknown {
  const fields = ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'observedGeneration'];
  const owned: Record<string, unknown> = { conditions: status['conditions'] ?? [] };
  for (const field of fields) owned[field] = status[field] ?? 0;
  return JSON.parse(JSON.stringify(owned));
}
