import { isDeepStrictEqual } from 'node:util';
import type { Pod } from '#api';

/**
 * Whether an update of a pod changed more than its status (and the bookkeeping every write
 * changes). The kubelet syncs a pod on such updates only: its own status writes come back as
 * updates, and each would otherwise cost one more full sync of the pod.
 */
export function changedBeyondStatus(old: Pod, pod: Pod): boolean {
  return !isDeepStrictEqual(withoutStatus(old), withoutStatus(pod));
}

function withoutStatus(pod: Pod): unknown {
  const { status: _status, metadata, ...rest } = pod;
  const { resourceVersion: _rv, managedFields: _mf, ...meta } = metadata;
  return { ...rest, metadata: meta };
}
