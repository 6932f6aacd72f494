import type { Pod } from './k8s-types.js';
import type { StatusTone } from './status-tone.js';

export interface PodSummary {
  /** The STATUS column of `kubectl get pods`: a waiting/terminated reason when there is one, else the phase. */
  status: string;
  tone: StatusTone;
  ready: number;
  total: number;
  restarts: number;
  node: string;
}

/** What `kubectl get pods` prints for a pod, computed the way its table printer does. */
export function summarizePod(pod: Pod): PodSummary {
  const statuses = pod.status?.containerStatuses ?? [];
  const total = pod.spec.containers.length;
  let reason = pod.status?.reason || pod.status?.phase || 'Pending';
  let restarts = 0;
  let ready = 0;

  const initStatuses = pod.status?.initContainerStatuses ?? [];
  let initializing = false;
  initStatuses.forEach((status, index) => {
    restarts += status.restartCount;
    if (initializing) return;
    const terminated = status.state?.terminated;
    const waiting = status.state?.waiting;
    if (terminated && terminated.exitCode === 0) return;
    initializing = true;
    if (terminated) reason = `Init:${terminated.reason || `ExitCode:${terminated.exitCode}`}`;
    else if (waiting?.reason && waiting.reason !== 'PodInitializing') reason = `Init:${waiting.reason}`;
    else reason = `Init:${index}/${pod.spec.initContainers?.length ?? initStatuses.length}`;
  });

  if (!initializing) {
    let running = false;
    for (const status of [...statuses].reverse()) {
      restarts += status.restartCount;
      const { waiting, terminated } = status.state ?? {};
      if (waiting?.reason) reason = waiting.reason;
      else if (terminated) reason = terminated.reason || `ExitCode:${terminated.exitCode}`;
      else if (status.ready && status.state?.running) running = true;
      if (status.ready && status.state?.running) ready++;
    }
    // A Completed container beside running ones: the pod still runs (kubectl: "Running" or NotReady).
    if (reason === 'Completed' && running) {
      const podReady = pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
      reason = podReady ? 'Running' : 'NotReady';
    }
  } else {
    for (const status of statuses) restarts += status.restartCount;
  }

  if (pod.metadata.deletionTimestamp) reason = pod.status?.reason === 'NodeLost' ? 'Unknown' : 'Terminating';

  return { status: reason, tone: toneOf(reason, ready, total), ready, total, restarts, node: pod.spec.nodeName ?? '' };
}

const ERROR_REASONS =
  /^(Failed|Error|CrashLoopBackOff|ErrImagePull|ImagePullBackOff|InvalidImageName|CreateContainerError|CreateContainerConfigError|RunContainerError|OOMKilled|Evicted|Unknown|ExitCode:|Init:(Error|CrashLoopBackOff|ErrImagePull|ImagePullBackOff|ExitCode))/;

function toneOf(reason: string, ready: number, total: number): StatusTone {
  if (ERROR_REASONS.test(reason)) return 'error';
  if (reason === 'Running') return ready === total ? 'ok' : 'warning';
  if (reason === 'Succeeded' || reason === 'Completed') return 'muted';
  if (reason === 'Terminating') return 'muted';
  return 'progress';
}
