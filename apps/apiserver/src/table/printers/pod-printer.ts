import { age } from '../human-duration.js';
import { AGE_COLUMN, column, NAME_COLUMN, type TablePrinter, type TableRowCondition } from '../table-types.js';

interface ContainerState {
  waiting?: { reason?: string };
  running?: { startedAt?: string };
  terminated?: { reason?: string; exitCode?: number; signal?: number; finishedAt?: string };
}
interface ContainerStatus {
  name: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}
export interface PodLike {
  metadata: { name?: string; creationTimestamp?: string; deletionTimestamp?: string };
  spec?: {
    nodeName?: string;
    containers?: { name: string }[];
    initContainers?: { name: string; restartPolicy?: string }[];
    readinessGates?: { conditionType: string }[];
  };
  status?: {
    phase?: string;
    reason?: string;
    nominatedNodeName?: string;
    podIP?: string;
    podIPs?: { ip: string }[];
    conditions?: { type: string; status: string; reason?: string }[];
    initContainerStatuses?: ContainerStatus[];
    containerStatuses?: ContainerStatus[];
  };
}

/** READY, STATUS and RESTARTS of a pod, computed as printers.go printPod does. */
export interface PodSummary {
  ready: string;
  status: string;
  restarts: string;
}

/** The node controller's reason for pods on a lost node (k8s.io/kubernetes/pkg/util/node). */
const NODE_LOST = 'NodeLost';

/**
 * The STATUS column walks init containers first (the first unfinished one names the phase:
 * "Init:1/3", "Init:CrashLoopBackOff", "Init:Error"), then app containers from last to first so
 * the first container's waiting/terminated reason wins ("CrashLoopBackOff", "Completed",
 * "ExitCode:1"). Sidecars (init containers with restartPolicy Always) count as containers.
 * Deletion overrides everything with "Terminating" unless the pod already finished.
 */
export function summarisePod(pod: PodLike, now: Date): PodSummary {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const initContainers = spec.initContainers ?? [];
  const sidecars = new Set(initContainers.filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  const totalContainers = (spec.containers?.length ?? 0) + sidecars.size;
  let reason = status.reason || status.phase || '';
  if (status.conditions?.some((c) => c.type === 'PodScheduled' && c.reason === 'SchedulingGated'))
    reason = 'SchedulingGated';

  let readyContainers = 0;
  let restarts = 0;
  let lastRestart = 0;
  let sidecarRestarts = 0;
  let lastSidecarRestart = 0;
  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i]!;
    restarts += c.restartCount ?? 0;
    lastRestart = Math.max(lastRestart, finishedAt(c));
    const sidecar = sidecars.has(c.name);
    if (sidecar) {
      sidecarRestarts += c.restartCount ?? 0;
      lastSidecarRestart = Math.max(lastSidecarRestart, finishedAt(c));
    }
    const terminated = c.state?.terminated;
    const waiting = c.state?.waiting;
    if (terminated && (terminated.exitCode ?? 0) === 0) continue;
    if (sidecar && c.started) {
      if (c.ready) readyContainers++;
      continue;
    }
    if (terminated) {
      reason = terminated.reason
        ? `Init:${terminated.reason}`
        : terminated.signal
          ? `Init:Signal:${terminated.signal}`
          : `Init:ExitCode:${terminated.exitCode ?? 0}`;
    } else if (waiting?.reason && waiting.reason !== 'PodInitializing') {
      reason = `Init:${waiting.reason}`;
    } else {
      reason = `Init:${i}/${initContainers.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || status.conditions?.some((c) => c.type === 'Initialized' && c.status === 'True')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i]!;
      restarts += c.restartCount ?? 0;
      lastRestart = Math.max(lastRestart, finishedAt(c));
      const terminated = c.state?.terminated;
      if (c.state?.waiting?.reason) reason = c.state.waiting.reason;
      else if (terminated?.reason) reason = terminated.reason;
      else if (terminated)
        reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
      else if (c.ready && c.state?.running) {
        hasRunning = true;
        readyContainers++;
      }
    }
    // A pod whose first container completed while another still runs is not "Completed".
    if (reason === 'Completed' && hasRunning) {
      reason = status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata.deletionTimestamp && status.reason === NODE_LOST) reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && status.phase !== 'Succeeded' && status.phase !== 'Failed')
    reason = 'Terminating';

  const restartText =
    restarts !== 0 && lastRestart > 0
      ? `${restarts} (${age(new Date(lastRestart).toISOString(), now)} ago)`
      : String(restarts);
  return { ready: `${readyContainers}/${totalContainers}`, status: reason, restarts: restartText };
}

function finishedAt(c: ContainerStatus): number {
  const at = c.lastState?.terminated?.finishedAt;
  return at ? Date.parse(at) || 0 : 0;
}

const SUCCEEDED: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
];
const FAILED: TableRowCondition[] = [
  { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
];

export const podPrinter: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
    column('Status', 'The aggregate status of the containers in this pod.'),
    column(
      'Restarts',
      'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
    ),
    AGE_COLUMN,
    column('IP', 'IP address allocated to the pod.', { priority: 1 }),
    column('Node', 'The node this pod is scheduled to.', { priority: 1 }),
    column('Nominated Node', 'The node this pod is nominated to by preemption.', { priority: 1 }),
    column('Readiness Gates', 'Readiness gates of the pod that are true, out of all.', { priority: 1 }),
  ],
  cells(pod: PodLike, now) {
    const s = summarisePod(pod, now);
    const gates = pod.spec?.readinessGates ?? [];
    const conditions = pod.status?.conditions ?? [];
    const gatesTrue = gates.filter((g) => conditions.find((c) => c.type === g.conditionType)?.status === 'True').length;
    return [
      pod.metadata.name,
      s.ready,
      s.status,
      s.restarts,
      age(pod.metadata.creationTimestamp, now),
      pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || '<none>',
      pod.spec?.nodeName || '<none>',
      pod.status?.nominatedNodeName || '<none>',
      gates.length ? `${gatesTrue}/${gates.length}` : '<none>',
    ];
  },
  conditions(pod: PodLike) {
    return pod.status?.phase === 'Succeeded' ? SUCCEEDED : pod.status?.phase === 'Failed' ? FAILED : undefined;
  },
};
