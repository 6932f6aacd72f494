import type { KubeObject, ResourceType } from '#api';
import type { GcDependencies } from './gc-dependencies.js';
import { GcFinalizer } from './gc-finalizers.js';
import { removeFinalizer } from './remove-finalizer.js';

/**
 * An owner deleted with propagationPolicy=Orphan: its dependents lose their reference to it,
 * then the "orphan" finalizer goes and the apiserver removes the owner. The dependents are
 * read live, not from the graph, so none still pointing at the owner is missed.
 */
export async function orphanDependents(deps: GcDependencies, type: ResourceType, owner: KubeObject): Promise<void> {
  const uid = owner.metadata.uid!;
  for (const node of deps.graph.dependentsOf(uid)) {
    const dependent = await deps.client.get(node.type, node.namespace, node.name);
    const refs = dependent?.metadata.ownerReferences ?? [];
    if (!dependent || !refs.some((ref) => ref.uid === uid)) continue;
    const kept = refs.filter((ref) => ref.uid !== uid);
    const patch = {
      metadata: { resourceVersion: dependent.metadata.resourceVersion, ownerReferences: kept.length > 0 ? kept : null },
    };
    await deps.client.patch(node.type, node.namespace, node.name, patch, 'merge');
  }
  await removeFinalizer(deps.client, type, owner, GcFinalizer.orphan);
}
