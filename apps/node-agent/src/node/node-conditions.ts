import type { Node } from '#api';
import { kubeTime } from '../status/kube-time.js';

type NodeCondition = NonNullable<NonNullable<Node['status']>['conditions']>[number];

/** Host pressure as the node agent measures it. */
export interface HostPressure {
  memory: boolean;
  disk: boolean;
  pid: boolean;
}

const PRESSURE = [
  [
    'MemoryPressure',
    'memory',
    'KubeletHasSufficientMemory',
    'kubelet has sufficient memory available',
    'KubeletHasInsufficientMemory',
    'kubelet has insufficient memory available',
  ],
  [
    'DiskPressure',
    'disk',
    'KubeletHasNoDiskPressure',
    'kubelet has no disk pressure',
    'KubeletHasDiskPressure',
    'kubelet has disk pressure',
  ],
  [
    'PIDPressure',
    'pid',
    'KubeletHasSufficientPID',
    'kubelet has sufficient PID available',
    'KubeletHasInsufficientPID',
    'kubelet has insufficient PID available',
  ],
] as const;

/**
 * The kubelet's node conditions: Ready (KubeletReady) and the three pressures, with
 * lastHeartbeatTime now and lastTransitionTime kept while a condition's status holds.
 */
export function nodeConditions(pressure: HostPressure, old: NodeCondition[] | undefined, now: Date): NodeCondition[] {
  const time = kubeTime(now);
  const conditions = [
    ...PRESSURE.map(([type, key, okReason, okMessage, badReason, badMessage]) => ({
      type,
      status: pressure[key] ? 'True' : 'False',
      reason: pressure[key] ? badReason : okReason,
      message: pressure[key] ? badMessage : okMessage,
    })),
    { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
  ];
  return conditions.map((c) => {
    const before = old?.find((o) => o.type === c.type);
    const lastTransitionTime = before?.status === c.status ? before.lastTransitionTime : time;
    return { ...c, lastHeartbeatTime: time, lastTransitionTime } as unknown as NodeCondition;
  });
}
