import type { Node } from './k8s-types.js';
import type { StatusTone } from './status-tone.js';

export interface NodeSummary {
  /** As `kubectl get nodes` prints it: "Ready", "NotReady", "Unknown", with ",SchedulingDisabled" when cordoned. */
  status: string;
  ready: 'Ready' | 'NotReady' | 'Unknown';
  cordoned: boolean;
  tone: StatusTone;
  /** Conditions other than Ready that report trouble (MemoryPressure, DiskPressure, ...). */
  problems: string[];
}

export function summarizeNode(node: Node): NodeSummary {
  const conditions = node.status?.conditions ?? [];
  const readyCondition = conditions.find((c) => c.type === 'Ready');
  const ready =
    readyCondition?.status === 'True' ? 'Ready' : readyCondition?.status === 'False' ? 'NotReady' : 'Unknown';
  const cordoned = node.spec?.unschedulable === true;
  const problems = conditions.filter((c) => c.type !== 'Ready' && c.status === 'True').map((c) => c.type);
  const tone: StatusTone = ready === 'Ready' ? (cordoned || problems.length ? 'warning' : 'ok') : 'error';
  return { status: cordoned ? `${ready},SchedulingDisabled` : ready, ready, cordoned, tone, problems };
}
