import { ApiError, type KubeObject, type ResourceType } from '#api';
import type { ApiClient } from '#client';

/** What is still in a deleting namespace after one pass. */
export interface RemainingContent {
  count: number;
  /** The longest grace period a remaining pod still has, in seconds (0 with no pods). */
  podGraceSeconds: number;
}

/**
 * One pass of kube's namespacedResourcesDeleter: lists every kind live (a stale cache must
 * not let the namespace go while objects remain), deletes what is not yet being deleted,
 * and counts what is left (pods within their grace period, objects with finalizers).
 */
export async function deleteNamespaceContent(
  client: ApiClient,
  types: readonly ResourceType[],
  namespace: string,
): Promise<RemainingContent> {
  const remaining: RemainingContent = { count: 0, podGraceSeconds: 0 };
  for (const type of types) {
    const { items } = await client.list<KubeObject>(type, { namespace });
    for (const obj of items) {
      if (!obj.metadata.deletionTimestamp && !(await deleteIfPresent(client, type, obj))) continue;
      remaining.count++;
      if (type.group === '' && type.kind === 'Pod')
        remaining.podGraceSeconds = Math.max(remaining.podGraceSeconds, obj.metadata.deletionGracePeriodSeconds ?? 0);
    }
  }
  return remaining;
}

/** Deletes one object; true when it may still be there (it was not already gone). */
async function deleteIfPresent(client: ApiClient, type: ResourceType, obj: KubeObject): Promise<boolean> {
  try {
    await client.delete(type, obj.metadata.namespace, obj.metadata.name!, { propagationPolicy: 'Background' });
  } catch (error) {
    if (error instanceof ApiError && error.reason === 'NotFound') return false;
    throw error;
  }
  // Gone at once unless it has finalizers or is a pod its node agent must stop first.
  const boundPod = type.kind === 'Pod' && type.group === '' && Boolean((obj.spec as { nodeName?: string })?.nodeName);
  return Boolean(obj.metadata.finalizers?.length) || boundPod;
}
