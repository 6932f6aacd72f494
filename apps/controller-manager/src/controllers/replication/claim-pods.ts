import { ApiError, BUILTIN_RESOURCES, type OwnerReference, type ParsedLabelSelector, type Pod } from '#api';
import type { ApiClient } from '#client';
import { controllerRefOf } from './controller-ref.js';
import type { ReplicatedObject } from './replicated-kind.js';
import type { WriteTracker } from './write-tracker.js';

const PODS = BUILTIN_RESOURCES.find((t) => t.group === '' && t.resource === 'pods')!;

export interface ClaimPodsInput {
  client: ApiClient;
  owner: ReplicatedObject;
  ownerRef: OwnerReference;
  selector: ParsedLabelSelector;
  pods: readonly Pod[];
  writes: WriteTracker;
  /**
   * Confirms, from a fresh read (not the cache), that the owner still exists with the same
   * uid and is not being deleted; throws otherwise. Asked at most once, before the first adoption.
   */
  canAdopt(): Promise<void>;
}

/**
 * Kubernetes' PodControllerRefManager.ClaimPods: the pods this owner controls after
 * - keeping its own pods that still match the selector,
 * - releasing its own pods that no longer match (their labels were edited), unless the
 *   owner is being deleted (then the garbage collector decides),
 * - adopting orphans that match, unless the owner or the pod is being deleted.
 * Pods controlled by anyone else are never touched. Adoption and release are JSON patches
 * that `test` the pod's uid and resourceVersion: if another controller (or another process
 * of this one) changed the pod since our cache saw it, the patch fails and the key is
 * retried on a fresher cache instead of giving a pod two controllers.
 */
export async function claimPods(input: ClaimPodsInput): Promise<Pod[]> {
  const { owner, selector, ownerRef } = input;
  const claimed: Pod[] = [];
  let adoptionChecked = false;
  for (const pod of input.pods) {
    const ref = controllerRefOf(pod);
    const matches = selector.matches(pod.metadata.labels);
    if (ref) {
      if (ref.uid !== owner.metadata.uid) continue;
      if (matches) claimed.push(pod);
      else if (!owner.metadata.deletionTimestamp && !pod.metadata.deletionTimestamp) {
        const refs = (pod.metadata.ownerReferences ?? []).filter((r) => r.uid !== owner.metadata.uid);
        await patchOwnerReferences(input, pod, refs);
      }
      continue;
    }
    if (!matches || owner.metadata.deletionTimestamp || pod.metadata.deletionTimestamp) continue;
    if (!adoptionChecked) {
      await input.canAdopt();
      adoptionChecked = true;
    }
    const adopted = await patchOwnerReferences(input, pod, [...(pod.metadata.ownerReferences ?? []), ownerRef]);
    if (adopted) claimed.push(adopted);
  }
  return claimed;
}

/** The patched pod, or undefined if it is gone; other failures throw (the key is retried). */
async function patchOwnerReferences(
  input: ClaimPodsInput,
  pod: Pod,
  ownerReferences: OwnerReference[],
): Promise<Pod | undefined> {
  const { namespace, name, uid, resourceVersion } = pod.metadata;
  const patch = [
    { op: 'test', path: '/metadata/uid', value: uid },
    { op: 'test', path: '/metadata/resourceVersion', value: resourceVersion },
    ownerReferences.length
      ? { op: 'add', path: '/metadata/ownerReferences', value: ownerReferences }
      : { op: 'remove', path: '/metadata/ownerReferences' },
  ];
  try {
    const patched = await input.client.patch<Pod>(PODS, namespace, name!, patch, 'json');
    input.writes.observe(patched.metadata.resourceVersion);
    return patched;
  } catch (err) {
    if (err instanceof ApiError && err.code === 404) return undefined;
    throw err;
  }
}
