import type { Pod } from '#api';
import { podRequests } from '../framework/pod-requests.js';
import { CPU, MEMORY } from '../framework/resource-list.js';
import type { LedgerPod } from './ledger-entry.js';

/** The ledger's view of a pod: what fit counts, so ledger and filter agree. */
export function ledgerPod(pod: Pod): LedgerPod {
  const requests = podRequests(pod);
  return { uid: pod.metadata.uid ?? '', cpuMilli: requests[CPU] ?? 0, memoryBytes: requests[MEMORY] ?? 0 };
}
