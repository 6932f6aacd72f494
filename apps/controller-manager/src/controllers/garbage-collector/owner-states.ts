import type { KubeObject, OwnerReference } from '#api';
import { GcFinalizer } from './gc-finalizers.js';
import type { GcDependencies } from './gc-dependencies.js';
import { typeOfOwner } from './type-of-owner.js';

/**
 * The owners of one dependent, as kube's classifyReferences sorts them: solid (exists),
 * dangling (gone, or replaced by an object with another uid), waiting (being deleted in the
 * foreground, so it waits for this dependent).
 */
export interface OwnerStates {
  solid: OwnerReference[];
  dangling: OwnerReference[];
  waiting: OwnerReference[];
}

/**
 * Owners in the graph are read from the cache; an owner the graph has not seen is looked up
 * with a GET, because a missing cache entry may only mean that informer is behind.
 */
export async function ownerStatesOf(deps: GcDependencies, dependent: KubeObject): Promise<OwnerStates> {
  const states: OwnerStates = { solid: [], dangling: [], waiting: [] };
  for (const ref of dependent.metadata.ownerReferences ?? []) {
    const owner = await findOwner(deps, dependent, ref);
    if (owner === 'unknown') states.solid.push(ref);
    else if (!owner || owner.metadata.uid !== ref.uid) states.dangling.push(ref);
    else if (owner.metadata.deletionTimestamp && owner.metadata.finalizers?.includes(GcFinalizer.foregroundDeletion))
      states.waiting.push(ref);
    else states.solid.push(ref);
  }
  return states;
}

/** 'unknown' for an owner kind nobody serves: never collect on what cannot be checked. */
async function findOwner(
  deps: GcDependencies,
  dependent: KubeObject,
  ref: OwnerReference,
): Promise<KubeObject | undefined | 'unknown'> {
  const cached = deps.graph.node(ref.uid);
  if (cached) {
    const obj = deps.informerOf(cached.type)?.get(cached.namespace, cached.name);
    if (obj?.metadata.uid === ref.uid) return obj;
  }
  const type = typeOfOwner(ref);
  if (!type) return 'unknown';
  // A namespaced dependent's owner is in its namespace; cluster-scoped owners have none.
  return deps.client.get(type, type.namespaced ? dependent.metadata.namespace : undefined, ref.name);
}
