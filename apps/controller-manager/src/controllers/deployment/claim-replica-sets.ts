import type { Deployment, ParsedLabelSelector, ReplicaSet } from '#api';
import { controllerRef } from './controller-ref.js';
import { ownerReferenceTo } from './owner-reference-to.js';
import type { DeploymentWriter } from './deployment-writer.js';
import { RESOURCE_TYPES } from './resource-types.js';

/**
 * ClaimReplicaSets: the RSs this Deployment controls. Owned RSs that no longer match the
 * selector are released (their owner reference removed); orphans that match are adopted,
 * but only after a fresh read confirms the Deployment still exists under the same UID, so
 * a cache lagging behind a delete-and-recreate never adopts into the wrong object.
 */
export async function claimReplicaSets(w: DeploymentWriter, selector: ParsedLabelSelector): Promise<ReplicaSet[]> {
  const d = w.d;
  const deleting = d.metadata.deletionTimestamp !== undefined;
  const claimed: ReplicaSet[] = [];
  let adoptable: boolean | undefined;
  for (const rs of w.deps.replicaSets.list(d.metadata.namespace)) {
    const ref = controllerRef(rs);
    const matches = selector.matches(rs.metadata.labels);
    if (ref) {
      if (ref.uid !== d.metadata.uid) continue;
      if (matches) claimed.push(rs);
      else if (!deleting)
        await w.patchReplicaSet(rs, {
          metadata: { ownerReferences: [{ $patch: 'delete', uid: d.metadata.uid }], uid: rs.metadata.uid },
        });
      continue;
    }
    if (!matches || deleting || rs.metadata.deletionTimestamp) continue;
    adoptable ??= await canAdopt(w);
    if (!adoptable) continue;
    claimed.push(
      await w.patchReplicaSet(rs, {
        metadata: { ownerReferences: [ownerReferenceTo(d)], uid: rs.metadata.uid },
      }),
    );
  }
  return claimed;
}

async function canAdopt(w: DeploymentWriter): Promise<boolean> {
  const { namespace, name, uid } = w.d.metadata;
  const fresh = await w.deps.client.get<Deployment>(RESOURCE_TYPES.deployments, namespace, name!);
  return fresh?.metadata.uid === uid && !fresh?.metadata.deletionTimestamp;
}
