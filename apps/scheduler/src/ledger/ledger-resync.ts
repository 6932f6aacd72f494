import type { Node, Pod } from '#api';
import type { Informer } from '#client';
import { Snapshot } from '../framework/snapshot.js';
import type { CapacityLedger, ReconcileCounts } from './capacity-ledger.js';
import { ledgerNode } from './ledger-node.js';
import { ledgerPod } from './ledger-pod.js';

/**
 * Reconciles the ledger from the truth the informers hold (nodes and the non-terminal pods
 * bound to them), so a crash between reserve and bind, or a missed delete, never leaks
 * capacity for longer than one period plus the ledger's grace.
 */
export async function resyncLedger(
  ledger: CapacityLedger,
  nodes: Informer<Node>,
  pods: Informer<Pod>,
): Promise<ReconcileCounts | undefined> {
  if (!nodes.hasSynced() || !pods.hasSynced()) return undefined;
  const snapshot = new Snapshot(nodes.list(), pods.list());
  return ledger.reconcile(snapshot.nodes.map((info) => ({ node: ledgerNode(info), bound: info.pods.map(ledgerPod) })));
}
