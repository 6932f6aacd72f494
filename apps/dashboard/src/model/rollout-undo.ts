import type { PodTemplate, Workload } from './k8s-types.js';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

/** Annotations that describe a ReplicaSet's own history, not the template; kubectl leaves them out of a rollback. */
const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  REVISION_ANNOTATION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

export type JsonPatch = { op: 'replace'; path: string; value: unknown }[];

export type UndoPlan = { ok: true; revision: number; patch: JsonPatch } | { ok: false; reason: string };

/** JSON with sorted keys: templates equal in content compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function revisionOf(rs: Workload): number {
  const value = Number(rs.metadata.annotations?.[REVISION_ANNOTATION]);
  return Number.isInteger(value) ? value : 0;
}

function ownedBy(rs: Workload, deployment: Workload): boolean {
  return (rs.metadata.ownerReferences ?? []).some((ref) => ref.controller && ref.uid === deployment.metadata.uid);
}

function withoutHashLabel(template: PodTemplate): PodTemplate {
  const labels = { ...(template.metadata?.labels ?? {}) };
  delete labels['pod-template-hash'];
  return { ...template, metadata: { ...template.metadata, labels } };
}

/**
 * `kubectl rollout undo deployment/x [--to-revision=N]`, planned client-side as kubectl does:
 * find the ReplicaSet of the wanted revision (the one before the newest when none is given),
 * and JSON-patch the Deployment's template to that ReplicaSet's template (without the
 * pod-template-hash label) and its annotations to the ReplicaSet's, minus the history ones.
 * Like kubectl, no resourceVersion guard: the Deployment is read just before, and the patch
 * replaces only the template and annotations, so a concurrent scale is kept either way.
 */
export function planRolloutUndo(deployment: Workload, replicaSets: Workload[], toRevision = 0): UndoPlan {
  if (deployment.spec.paused) return { ok: false, reason: 'you cannot rollback a paused deployment; resume it first' };
  const owned = replicaSets.filter((rs) => ownedBy(rs, deployment) && rs.spec.template);
  const byRevision = new Map(owned.map((rs) => [revisionOf(rs), rs]));
  const revisions = [...byRevision.keys()].sort((a, b) => b - a);
  let revision = toRevision;
  if (revision === 0) {
    if (revisions.length < 2) return { ok: false, reason: 'no rollout history found: there is no previous revision' };
    revision = revisions[1];
  }
  const target = byRevision.get(revision);
  if (!target) return { ok: false, reason: `unable to find the specified revision ${revision} in history` };
  const template = withoutHashLabel(target.spec.template!);
  if (canonical(template) === canonical(deployment.spec.template))
    return { ok: false, reason: `skipped rollback (current template already matches revision ${revision})` };

  const annotations: Record<string, string> = {};
  for (const [key, value] of Object.entries(deployment.metadata.annotations ?? {}))
    if (ANNOTATIONS_TO_SKIP.has(key)) annotations[key] = value;
  for (const [key, value] of Object.entries(target.metadata.annotations ?? {}))
    if (!ANNOTATIONS_TO_SKIP.has(key)) annotations[key] = value;

  return {
    ok: true,
    revision,
    patch: [
      { op: 'replace', path: '/spec/template', value: template },
      { op: 'replace', path: '/metadata/annotations', value: annotations },
    ],
  };
}
