import type { Deployment, ReplicaSet } from '#api';
import { DEPLOYMENT_ANNOTATIONS } from './deployment-annotations.js';
import { setReplicasAnnotations } from './replicas-annotations.js';
import { rollingLimits } from './rolling-limits.js';

/** Annotations that describe one RS or the rollout machinery, never copied from the Deployment. */
const NOT_COPIED: ReadonlySet<string> = new Set([
  DEPLOYMENT_ANNOTATIONS.lastAppliedConfiguration,
  DEPLOYMENT_ANNOTATIONS.revision,
  DEPLOYMENT_ANNOTATIONS.revisionHistory,
  DEPLOYMENT_ANNOTATIONS.desiredReplicas,
  DEPLOYMENT_ANNOTATIONS.maxReplicas,
  DEPLOYMENT_ANNOTATIONS.rollbackTo,
]);

const MAX_REVISION_HISTORY_CHARS = 2000;

/**
 * SetNewReplicaSetAnnotations on `rs` (a copy): copies the Deployment's annotations (so
 * kubernetes.io/change-cause reaches `kubectl rollout history`), raises the revision to
 * `newRevision`, and when an existing RS is raised (a rollback made it new again) keeps the
 * revision it had in revision-history, e.g. "1,3". A created RS also gets its replicas
 * annotations. Answers whether anything changed.
 */
export function setNewReplicaSetAnnotations(
  d: Deployment,
  rs: ReplicaSet,
  newRevision: number,
  exists: boolean,
): boolean {
  const annotations = (rs.metadata.annotations ??= {});
  let changed = false;
  for (const [key, value] of Object.entries(d.metadata.annotations ?? {})) {
    if (NOT_COPIED.has(key) || annotations[key] === value) continue;
    annotations[key] = value;
    changed = true;
  }
  const oldRevision = annotations[DEPLOYMENT_ANNOTATIONS.revision];
  const oldRevisionInt = oldRevision === undefined ? 0 : Number(oldRevision);
  // A malformed revision is left alone, as Kubernetes does.
  if (!Number.isSafeInteger(oldRevisionInt)) return changed;
  if (oldRevisionInt < newRevision) {
    annotations[DEPLOYMENT_ANNOTATIONS.revision] = String(newRevision);
    changed = true;
    if (oldRevision !== undefined) appendRevisionHistory(annotations, oldRevision);
  }
  if (!exists) {
    const replicas = d.spec?.replicas ?? 1;
    if (setReplicasAnnotations(rs, replicas, replicas + rollingLimits(d).maxSurge)) changed = true;
  }
  return changed;
}

/** Appends `revision`, dropping the oldest entries to stay within 2000 characters. */
function appendRevisionHistory(annotations: Record<string, string>, revision: string): void {
  const history = annotations[DEPLOYMENT_ANNOTATIONS.revisionHistory];
  if (!history) {
    annotations[DEPLOYMENT_ANNOTATIONS.revisionHistory] = revision;
    return;
  }
  const revisions = history.split(',');
  let length = history.length + revision.length + 1;
  let start = 0;
  while (length > MAX_REVISION_HISTORY_CHARS && start < revisions.length) length -= revisions[start++].length + 1;
  if (length <= MAX_REVISION_HISTORY_CHARS)
    annotations[DEPLOYMENT_ANNOTATIONS.revisionHistory] = [...revisions.slice(start), revision].join(',');
}
