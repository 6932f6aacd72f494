import type { NodeInfo } from '../framework/node-info.js';
import { CPU, MEMORY, PODS } from '../framework/resource-list.js';
import type { LedgerNode } from './ledger-entry.js';

/** The allocatable the ledger enforces on a node. */
export function ledgerNode(info: NodeInfo): LedgerNode {
  return {
    name: info.name,
    cpuMilli: info.allocatable[CPU] ?? 0,
    memoryBytes: info.allocatable[MEMORY] ?? 0,
    pods: info.allocatable[PODS] ?? 0,
  };
}
