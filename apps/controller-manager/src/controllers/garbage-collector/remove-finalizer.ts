import type { KubeObject, ResourceType } from '#api';
import type { ApiClient } from '#client';

/**
 * Removes one finalizer with a merge patch pinned to the object's resourceVersion (a lost race
 * is a Conflict, retried on the newer object). The apiserver removes the object with it when
 * it was the last one.
 */
export async function removeFinalizer(
  client: ApiClient,
  type: ResourceType,
  obj: KubeObject,
  finalizer: string,
): Promise<void> {
  const finalizers = (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer);
  const patch = {
    metadata: { resourceVersion: obj.metadata.resourceVersion, finalizers: finalizers.length > 0 ? finalizers : null },
  };
  await client.patch(type, obj.metadata.namespace, obj.metadata.name!, patch, 'merge');
}
