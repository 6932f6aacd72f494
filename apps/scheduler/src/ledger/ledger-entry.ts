/** A pod as the ledger counts it: what fit counts (BestEffort requests are 0). */
export interface LedgerPod {
  uid: string;
  cpuMilli: number;
  memoryBytes: number;
}

/** A node's allocatable as the ledger enforces it. */
export interface LedgerNode {
  name: string;
  cpuMilli: number;
  memoryBytes: number;
  pods: number;
}
