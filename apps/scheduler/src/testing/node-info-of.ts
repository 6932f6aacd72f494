import type { Node, Pod } from '#api';
import type { NodeInfo } from '../framework/node-info.js';
import { Snapshot } from '../framework/snapshot.js';

/** The NodeInfo of `node` with `pods` (bound to it) already placed. */
export function nodeInfoOf(node: Node, pods: Pod[] = []): NodeInfo {
  const name = node.metadata.name!;
  const bound = pods.map((p) => ({ ...p, spec: { ...p.spec!, nodeName: name } }));
  return new Snapshot([node], bound).get(name)!;
}
