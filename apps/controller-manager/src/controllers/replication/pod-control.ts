import { ApiError, apiVersionOf, BUILTIN_RESOURCES, type OwnerReference, type Pod } from '#api';
import type { ApiClient, EventRecorder } from '#client';
import type { ReplicatedKind, ReplicatedObject } from './replicated-kind.js';
import { ReplicationEventReason } from './replication-event-reasons.js';
import type { WriteTracker } from './write-tracker.js';

const PODS = BUILTIN_RESOURCES.find((t) => t.group === '' && t.resource === 'pods')!;
/** validation.MaxGeneratedNameLength: 63 minus the 5 random characters the apiserver appends. */
const MAX_GENERATE_NAME_PREFIX = 58;

export type EventSink = Pick<EventRecorder, 'event'>;

/**
 * Creates and deletes the pods of one replicated object (Kubernetes' RealPodControl), emits
 * their events, and records every write's resourceVersion for expectations.
 */
export class PodControl {
  constructor(
    private readonly client: ApiClient,
    private readonly recorder: EventSink,
    private readonly kind: ReplicatedKind,
  ) {}

  /** A pod from the owner's template, owned by it (controller, blockOwnerDeletion), named `<owner>-xxxxx`. */
  async createPod(owner: ReplicatedObject, writes: WriteTracker): Promise<void> {
    const template = owner.spec?.template;
    const prefix = `${owner.metadata.name}-`.slice(0, MAX_GENERATE_NAME_PREFIX);
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: prefix,
        namespace: owner.metadata.namespace,
        labels: { ...template?.metadata?.labels },
        annotations: { ...template?.metadata?.annotations },
        ...(template?.metadata?.finalizers?.length ? { finalizers: [...template.metadata.finalizers] } : {}),
        ownerReferences: [this.controllerRefFor(owner)],
      },
      spec: structuredClone(template?.spec) as Pod['spec'],
    };
    try {
      const created = await this.client.create<Pod>(PODS, pod);
      writes.observe(created.metadata.resourceVersion);
      this.recorder.event(
        owner,
        'Normal',
        ReplicationEventReason.SuccessfulCreate,
        `Created pod: ${created.metadata.name}`,
      );
    } catch (err) {
      this.recorder.event(owner, 'Warning', ReplicationEventReason.FailedCreate, `Error creating: ${messageOf(err)}`);
      throw err;
    }
  }

  /** Deletes one pod, by uid so a same-named successor is never hit; a pod already gone is fine. */
  async deletePod(owner: ReplicatedObject, pod: Pod): Promise<void> {
    const { namespace, name, uid } = pod.metadata;
    try {
      await this.client.delete(PODS, namespace, name!, { preconditions: { uid } });
      this.recorder.event(owner, 'Normal', ReplicationEventReason.SuccessfulDelete, `Deleted pod: ${name}`);
    } catch (err) {
      if (err instanceof ApiError && (err.code === 404 || err.code === 409)) return;
      this.recorder.event(owner, 'Warning', ReplicationEventReason.FailedDelete, `Error deleting: ${messageOf(err)}`);
      throw err;
    }
  }

  /**
   * A resourceVersion at or past every write that completed before this call. The apiserver
   * answers a pod DELETE with the pod at its deletion's resourceVersion, but ApiClient.delete
   * discards the body, so one list with limit 1 reads the store's current version instead:
   * after 7 deletes answered at 1040..1046, it returns 1046 or later, and a reconcile on
   * another process then waits until its pod informer has seen all 7 deletions.
   */
  async currentResourceVersion(namespace: string | undefined): Promise<string | undefined> {
    const list = await this.client.list<Pod>(PODS, { namespace, limit: 1 });
    return list.metadata.resourceVersion;
  }

  controllerRefFor(owner: ReplicatedObject): OwnerReference {
    return {
      apiVersion: apiVersionOf(this.kind.type),
      kind: this.kind.type.kind,
      name: owner.metadata.name!,
      uid: owner.metadata.uid!,
      controller: true,
      blockOwnerDeletion: true,
    };
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
