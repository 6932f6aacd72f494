import type { Pod } from '#api';
import type { FilterPlugin } from '../filter-plugin.js';
import type { FilterStatus } from '../filter-status.js';
import type { NodeInfo } from '../node-info.js';
import { describeTaint, podToleratesTaint, type TaintLike } from '../toleration.js';
import { unresolvable } from '../unschedulable.js';

export const NOT_READY_TAINT: TaintLike = { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' };
export const UNREACHABLE_TAINT: TaintLike = { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' };

/**
 * kube-scheduler itself ignores node conditions: the node lifecycle controller turns
 * Ready=False into the not-ready taint and Ready=Unknown (or no report yet) into the
 * unreachable taint, and TaintToleration does the rest. This plugin applies those taints
 * as if they were already there, so a pod never lands on a node in the window before the
 * controller (or without one) taints it; the message is the one the taint would give.
 */
export class NodeReady implements FilterPlugin {
  readonly name = 'NodeReady';

  filter(pod: Pod, node: NodeInfo): FilterStatus | undefined {
    const ready = node.ready;
    if (ready === 'True') return undefined;
    const taint = ready === 'False' ? NOT_READY_TAINT : UNREACHABLE_TAINT;
    if (podToleratesTaint(pod, taint)) return undefined;
    return unresolvable(this.name, `node(s) had untolerated taint ${describeTaint(taint)}`);
  }
}
