import type { Pod } from '#api';
import { podInfoOf } from '../framework/pod-info.js';
import type { LedgerPod } from './ledger-entry.js';

/** The ledger's view of a pod: what fit counts, so ledger and filter agree. */
export function ledgerPod(pod: Pod): LedgerPod {
  const { requests } = podInfoOf(pod);
  return { uid: pod.metadata.uid ?? '', cpuMilli: requests.milliCpu, memoryBytes: requests.memory };
}
