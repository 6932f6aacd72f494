import { ApiError, type Pod, type PodStatus } from '#api';
import type { ApiClient } from '#client';
import { Resources } from '../pods/resources.js';

/**
 * PUTs `status` to the pod's status subresource when it differs from what the pod has and
 * from what this agent wrote last; on a conflict, once more against a fresh read. Returns
 * the status the apiserver holds now (undefined when the pod is gone).
 */
export async function writePodStatus(
  client: ApiClient,
  pod: Pod,
  status: PodStatus,
  lastWritten: Map<string, string>,
): Promise<void> {
  const uid = pod.metadata.uid!;
  const wanted = JSON.stringify(status);
  if (JSON.stringify(pod.status ?? {}) === wanted || lastWritten.get(uid) === wanted) return;
  let target = pod;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await client.update<Pod>(Resources.pods, { ...target, status }, { subresource: 'status' });
      lastWritten.set(uid, wanted);
      return;
    } catch (error) {
      if (!(error instanceof ApiError) || error.reason !== 'Conflict' || attempt > 0) {
        if (error instanceof ApiError && error.reason === 'NotFound') return;
        throw error;
      }
      const fresh = await client.get<Pod>(Resources.pods, pod.metadata.namespace, pod.metadata.name!);
      if (!fresh || fresh.metadata.uid !== uid) return;
      target = fresh;
    }
  }
}
