import { ApiError, type KubeObject, type ResourceType } from '#api';
import { GcFinalizer } from './gc-finalizers.js';
import type { GcDependencies } from './gc-dependencies.js';
import { ownerStatesOf, type OwnerStates } from './owner-states.js';

/**
 * kube's attemptToDeleteItem for one dependent: with no solid owner left it is deleted
 * (in the foreground when an owner waits for it, so the wait propagates down); with a solid
 * owner besides gone or waiting ones, only the references to those are dropped. Decided
 * twice: on the cache, then on a fresh GET, written with the GET's resourceVersion as a
 * precondition, so a stale cache (an orphaning that already removed the reference) never
 * deletes anything.
 */
export async function collectDependent(deps: GcDependencies, type: ResourceType, cached: KubeObject): Promise<void> {
  if (!cached.metadata.ownerReferences?.length) return;
  if (!needsAction(await ownerStatesOf(deps, cached))) return;

  const { namespace, name } = cached.metadata;
  const live = await deps.client.get(type, namespace, name!);
  if (!live || live.metadata.uid !== cached.metadata.uid) return;
  const states = await ownerStatesOf(deps, live);
  if (!needsAction(states)) return;

  try {
    if (states.solid.length === 0) {
      const policy = states.waiting.length > 0 ? 'Foreground' : 'Background';
      const deleting = live.metadata.deletionTimestamp;
      if (deleting && (policy === 'Background' || live.metadata.finalizers?.includes(GcFinalizer.foregroundDeletion)))
        return;
      const { uid, resourceVersion } = live.metadata;
      await deps.client.delete(type, namespace, name!, {
        propagationPolicy: policy,
        preconditions: { uid, resourceVersion },
      });
      return;
    }
    const gone = new Set([...states.dangling, ...states.waiting].map((ref) => ref.uid));
    const kept = live.metadata.ownerReferences!.filter((ref) => !gone.has(ref.uid));
    const patch = { metadata: { resourceVersion: live.metadata.resourceVersion, ownerReferences: kept } };
    await deps.client.patch(type, namespace, name!, patch, 'merge');
  } catch (error) {
    // Already gone: nothing left to collect. A Conflict is retried with the newer object.
    if (!(error instanceof ApiError && error.reason === 'NotFound')) throw error;
  }
}

function needsAction(states: OwnerStates): boolean {
  return states.dangling.length > 0 || states.waiting.length > 0;
}
