import type { Node, Pod } from '#api';
import { NodeInfo } from '../framework/node-info.js';

/** The NodeInfo of `node` with `pods` (bound to it) already placed. */
export function nodeInfoOf(node: Node, pods: Pod[] = []): NodeInfo {
  const name = node.metadata.name!;
  const info = new NodeInfo(name, node);
  for (const p of pods) info.addPod({ ...p, spec: { ...p.spec!, nodeName: name } });
  return info;
}
