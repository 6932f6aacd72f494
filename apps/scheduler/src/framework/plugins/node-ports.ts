import type { Pod } from '#api';
import type { FilterPlugin } from '../filter-plugin.js';
import type { FilterStatus } from '../filter-status.js';
import { hostPortsConflict } from '../host-port.js';
import type { NodeInfo } from '../node-info.js';
import { podInfoOf } from '../pod-info.js';
import { unschedulable } from '../unschedulable.js';

export const ERR_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";

/** A hostPort already claimed on the node (same protocol, overlapping address) rejects it. */
export class NodePorts implements FilterPlugin {
  readonly name = 'NodePorts';

  skips(pod: Pod): boolean {
    return podInfoOf(pod).hostPorts.length === 0;
  }

  filter(pod: Pod, node: NodeInfo): FilterStatus | undefined {
    const wanted = podInfoOf(pod).hostPorts;
    const clash = wanted.some((w) => node.usedPorts.some((used) => hostPortsConflict(w, used)));
    return clash ? unschedulable(this.name, ERR_NODE_PORTS) : undefined;
  }
}
