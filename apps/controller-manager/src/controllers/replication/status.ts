import type { Pod, ReplicaSetStatus } from '#api';
import { podAvailability } from './pod-availability.js';
import type { ReplicatedObject } from './replicated-kind.js';

export const REPLICA_FAILURE = 'ReplicaFailure';

export interface ComputedStatus {
  status: ReplicaSetStatus;
  /** The soonest a ready pod becomes available (minReadySeconds): look again then. */
  recheckInMs?: number;
}

/**
 * Kubernetes' calculateStatus from the owner's active, claimed pods. `manageError` is the
 * create or delete failure of this reconcile: it sets ReplicaFailure=True (reason
 * FailedCreate when pods were missing, FailedDelete when surplus), kept with its
 * lastTransitionTime while failures continue and removed by the first clean reconcile.
 */
export function calculateStatus(
  owner: ReplicatedObject,
  pods: readonly Pod[],
  manageError: { scalingUp: boolean; message: string } | undefined,
  now: number,
): ComputedStatus {
  const templateLabels = Object.entries(owner.spec?.template?.metadata?.labels ?? {});
  const minReadySeconds = owner.spec?.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  let recheckInMs: number | undefined;
  for (const pod of pods) {
    const labels = pod.metadata.labels ?? {};
    if (templateLabels.every(([key, value]) => labels[key] === value)) fullyLabeled++;
    const availability = podAvailability(pod, minReadySeconds, now);
    if (availability.ready) ready++;
    if (availability.available) available++;
    if (availability.availableInMs !== undefined)
      recheckInMs = Math.min(recheckInMs ?? Infinity, availability.availableInMs);
  }

  const previous = owner.status?.conditions ?? [];
  const failure = previous.find((c) => c.type === REPLICA_FAILURE);
  const others = previous.filter((c) => c.type !== REPLICA_FAILURE);
  const conditions = manageError
    ? [
        ...others,
        failure?.status === 'True'
          ? failure
          : {
              type: REPLICA_FAILURE,
              status: 'True',
              reason: manageError.scalingUp ? 'FailedCreate' : 'FailedDelete',
              message: manageError.message,
              lastTransitionTime: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
            },
      ]
    : others;

  const status: ReplicaSetStatus = {
    replicas: pods.length,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
    ...(owner.metadata.generation !== undefined ? { observedGeneration: owner.metadata.generation } : {}),
    ...(conditions.length ? { conditions } : {}),
  };
  return { status, recheckInMs };
}
