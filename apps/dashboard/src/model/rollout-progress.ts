import type { Condition, Workload } from './k8s-types.js';
import type { StatusTone } from './status-tone.js';

export interface RolloutProgress {
  desired: number;
  /** Pods on the current template; ReplicaSets and RCs have only one template, so all of them. */
  updated: number;
  ready: number;
  available: number;
  /** A short sentence in the words of `kubectl rollout status`. */
  state: string;
  tone: StatusTone;
  /** Conditions that are not True, or that report a failure, with their reason and message. */
  notable: Condition[];
}

/** How far a Deployment, ReplicaSet or ReplicationController is from what it was asked for. */
export function rolloutProgress(
  kind: 'Deployment' | 'ReplicaSet' | 'ReplicationController',
  w: Workload,
): RolloutProgress {
  const desired = w.spec.replicas ?? 1;
  const status = w.status ?? {};
  const replicas = status.replicas ?? 0;
  const ready = status.readyReplicas ?? 0;
  const available = status.availableReplicas ?? 0;
  const updated = kind === 'Deployment' ? (status.updatedReplicas ?? 0) : replicas;
  const conditions = status.conditions ?? [];
  const notable = conditions.filter((c) =>
    c.type === 'ReplicaFailure' ? c.status === 'True' : c.status !== 'True' || c.reason === 'ProgressDeadlineExceeded',
  );
  const observed = (status.observedGeneration ?? 0) >= (w.metadata.generation ?? 0);
  const progressing = conditions.find((c) => c.type === 'Progressing');

  let state: string;
  let tone: StatusTone;
  if (kind === 'Deployment' && progressing?.reason === 'ProgressDeadlineExceeded') {
    state = 'Progress deadline exceeded';
    tone = 'error';
  } else if (notable.some((c) => c.type === 'ReplicaFailure')) {
    state = 'Cannot create pods';
    tone = 'error';
  } else if (!observed) {
    state = 'Waiting for the controller';
    tone = 'progress';
  } else if (kind === 'Deployment' && w.spec.paused) {
    state = 'Paused';
    tone = 'warning';
  } else if (updated < desired) {
    state = `${updated} of ${desired} updated`;
    tone = 'progress';
  } else if (replicas > updated) {
    state = `${replicas - updated} old pods terminating`;
    tone = 'progress';
  } else if (available < updated) {
    state = `${available} of ${updated} available`;
    tone = 'progress';
  } else if (replicas > desired) {
    state = `Scaling down to ${desired}`;
    tone = 'progress';
  } else {
    state = desired === 0 ? 'Scaled to zero' : 'Rolled out';
    tone = desired === 0 ? 'muted' : 'ok';
  }
  return { desired, updated, ready, available, state, tone, notable };
}
