import type { NodeInfo } from '../framework/node-info.js';
import type { LedgerNode } from './ledger-entry.js';

/** The allocatable the ledger enforces on a node. */
export function ledgerNode(info: NodeInfo): LedgerNode {
  return {
    name: info.name,
    cpuMilli: info.allocatable.milliCpu,
    memoryBytes: info.allocatable.memory,
    pods: info.allowedPodNumber,
  };
}
