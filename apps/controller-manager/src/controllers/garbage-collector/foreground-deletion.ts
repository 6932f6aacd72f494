import type { KubeObject, ResourceType } from '#api';
import type { GcDependencies } from './gc-dependencies.js';
import { GcFinalizer } from './gc-finalizers.js';
import { removeFinalizer } from './remove-finalizer.js';

/**
 * An owner deleted with propagationPolicy=Foreground waits, with its "foregroundDeletion"
 * finalizer, until no dependent that blocks owner deletion exists any more. The dependents
 * themselves are deleted through their own keys (collectDependent sees this owner waiting);
 * each of their deletions re-adds this owner's key.
 * Returns whether the owner is still waiting.
 */
export async function finishForegroundDeletion(
  deps: GcDependencies,
  type: ResourceType,
  owner: KubeObject,
): Promise<boolean> {
  const uid = owner.metadata.uid!;
  const blocking = deps.graph
    .dependentsOf(uid)
    .filter((node) => node.owners.some((ref) => ref.uid === uid && ref.blockOwnerDeletion));
  if (blocking.length > 0) return true;
  await removeFinalizer(deps.client, type, owner, GcFinalizer.foregroundDeletion);
  return false;
}
