import { ApiError, type ReplicaSet } from '#api';
import { controllerRef } from './controller-ref.js';
import type { DeploymentWriter } from './deployment-writer.js';
import { ownerReferenceTo } from './owner-reference-to.js';
import { DEPLOYMENT_ANNOTATIONS } from './util/deployment-annotations.js';
import { DEPLOYMENT_REASONS } from './util/deployment-reasons.js';
import { equalIgnoreHash } from './util/equal-ignore-hash.js';
import { newCondition } from './util/new-condition.js';
import { setNewReplicaSetAnnotations } from './util/new-replica-set-annotations.js';
import { newReplicaSetTarget } from './util/new-replica-set-target.js';
import { POD_TEMPLATE_HASH_LABEL } from './util/pod-template-hash-label.js';
import { podTemplateHash } from './util/pod-template-hash.js';
import { progressDeadlineMs } from './util/progress-deadline-ms.js';
import { replicaSetOrder } from './util/replica-set-order.js';
import { revisionOf } from './util/revision-of.js';
import { setCondition } from './util/set-condition.js';

export interface ReplicaSetsOfDeployment {
  newRS: ReplicaSet | undefined;
  /** Every RS but the new one, with or without replicas. */
  oldRSs: ReplicaSet[];
}

/**
 * getAllReplicaSetsAndSyncRevision: splits the claimed RSs into the new one (the oldest
 * whose template equals the Deployment's, ignoring the hash label) and the old ones, and
 * gives the new RS revision max(old) + 1. An existing RS that becomes new again (a
 * rollback, `kubectl rollout undo`) is raised to that revision, as Kubernetes does. With
 * `create`, a missing new RS is created, named <deployment>-<hash>.
 */
export async function replicaSetsOfDeployment(
  w: DeploymentWriter,
  claimed: readonly ReplicaSet[],
  create: boolean,
): Promise<ReplicaSetsOfDeployment> {
  const existing = [...claimed]
    .sort(replicaSetOrder.byCreation)
    .find((rs) => equalIgnoreHash(rs.spec?.template, w.d.spec?.template));
  const oldRSs = claimed.filter((rs) => rs !== existing);
  const newRevision = Math.max(0, ...oldRSs.map(revisionOf)) + 1;
  if (existing) return { newRS: await syncExisting(w, existing, newRevision), oldRSs };
  if (!create) return { newRS: undefined, oldRSs };
  return { newRS: await createNew(w, oldRSs, newRevision), oldRSs };
}

async function syncExisting(w: DeploymentWriter, rs: ReplicaSet, newRevision: number): Promise<ReplicaSet> {
  const copy = structuredClone(rs);
  const annotationsChanged = setNewReplicaSetAnnotations(w.d, copy, newRevision, true);
  const minReadySeconds = w.d.spec?.minReadySeconds ?? 0;
  if (annotationsChanged || (copy.spec?.minReadySeconds ?? 0) !== minReadySeconds) {
    copy.spec = { ...copy.spec!, minReadySeconds };
    // The Deployment's revision follows on the next reconcile, which sees this update.
    return w.updateReplicaSet(copy);
  }
  let statusChanged = w.setRevision(copy.metadata.annotations?.[DEPLOYMENT_ANNOTATIONS.revision]);
  const progressing = w.d.status?.conditions?.find((c) => c.type === 'Progressing');
  if (progressDeadlineMs(w.d) !== undefined && !progressing) {
    setCondition(
      (w.d.status ??= {}),
      newCondition(
        'Progressing',
        'True',
        DEPLOYMENT_REASONS.foundNewReplicaSet,
        `Found new replica set "${copy.metadata.name}"`,
        w.now(),
      ),
    );
    statusChanged = true;
  }
  if (statusChanged) await w.updateStatus();
  return copy;
}

async function createNew(
  w: DeploymentWriter,
  oldRSs: ReplicaSet[],
  newRevision: number,
): Promise<ReplicaSet | undefined> {
  const d = w.d;
  const hash = podTemplateHash(d.spec!.template, d.status?.collisionCount);
  const template = structuredClone(d.spec!.template);
  const labels = { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash };
  template.metadata = { ...template.metadata, labels };
  const selector = structuredClone(d.spec!.selector);
  selector.matchLabels = { ...selector.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash };
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      ownerReferences: [ownerReferenceTo(d)],
      labels,
    },
    spec: { replicas: 0, minReadySeconds: d.spec?.minReadySeconds ?? 0, selector, template },
  };
  const replicas = newReplicaSetTarget(d, [...oldRSs, rs], rs);
  rs.spec!.replicas = replicas;
  setNewReplicaSetAnnotations(d, rs, newRevision, false);

  let created: ReplicaSet;
  let alreadyExists = false;
  try {
    created = await w.createReplicaSet(rs);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.code === 409) {
      const found = w.deps.replicaSets.get(d.metadata.namespace, rs.metadata.name!);
      if (
        found &&
        controllerRef(found)?.uid === d.metadata.uid &&
        equalIgnoreHash(found.spec?.template, d.spec?.template)
      ) {
        created = found;
        alreadyExists = true;
      } else {
        // A foreign RS holds the name: a new collisionCount gives the next try a new hash.
        (w.d.status ??= {}).collisionCount = (d.status?.collisionCount ?? 0) + 1;
        await w.updateStatus();
        throw error;
      }
    } else {
      const message = `Failed to create new replica set "${rs.metadata.name}": ${error.message}`;
      if (progressDeadlineMs(d) !== undefined) {
        setCondition(
          (w.d.status ??= {}),
          newCondition('Progressing', 'False', DEPLOYMENT_REASONS.replicaSetCreateError, message, w.now()),
        );
        await w.updateStatus();
      }
      w.event('Warning', DEPLOYMENT_REASONS.failedCreate, message);
      throw error;
    }
  }
  if (!alreadyExists && replicas > 0)
    w.event(
      'Normal',
      DEPLOYMENT_REASONS.scalingReplicaSet,
      `Scaled up replica set ${created.metadata.name} from 0 to ${replicas}`,
    );
  let statusChanged = w.setRevision(String(newRevision));
  if (!alreadyExists && progressDeadlineMs(d) !== undefined) {
    setCondition(
      (w.d.status ??= {}),
      newCondition(
        'Progressing',
        'True',
        DEPLOYMENT_REASONS.newReplicaSetCreated,
        `Created new replica set "${created.metadata.name}"`,
        w.now(),
      ),
    );
    statusChanged = true;
  }
  if (statusChanged) await w.updateStatus();
  return created;
}
