import type { Container, ContainerStatus, Pod, PodCondition, PodStatus } from '#api';
import type { ContainerStatus as RuntimeContainer } from '#runtime';
import { restartCountOf, type ContainerInstances } from './container-instances.js';
import { kubeTime } from './kube-time.js';
import type { PodStatusInput } from './pod-status-input.js';
import { Waiting } from './waiting-reason.js';

type ContainerState = NonNullable<ContainerStatus['state']>;

/**
 * The kubelet's generateAPIPodStatus: container statuses from the runtime's instances,
 * phase by getPhase's counting, and conditions whose lastTransitionTime only moves when
 * their status does. Pure, so that a sync writes status only when this result differs.
 */
export function computePodStatus(input: PodStatusInput): PodStatus {
  const { pod, sandbox, now } = input;
  const old: PodStatus = pod.status ?? {};
  const spec = pod.spec!;
  const initSpecs = spec.initContainers ?? [];
  const initDone = initSpecs.every((c) => exitedWith0(input.instances.get(c.name)?.current));
  const initContainerStatuses = initSpecs.map((c) => containerStatus(input, c, true, initDone));
  const containerStatuses = spec.containers.map((c) => containerStatus(input, c, false, initDone));
  const phase = podPhase(pod, initDone, initContainerStatuses, containerStatuses);

  const notInitialized = initContainerStatuses.filter((s) => !s.state?.terminated || s.state.terminated.exitCode !== 0);
  const unready = containerStatuses.filter((s) => !s.ready);
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const readyReason = terminal ? 'PodCompleted' : 'ContainersNotReady';
  const unreadyMessage = `containers with unready status: [${unready.map((s) => s.name).join(' ')}]`;
  const conditions: PodCondition[] = [
    condition('PodReadyToStartContainers', sandbox?.state === 'ready' && !terminal),
    notInitialized.length === 0
      ? condition('Initialized', true, terminal && initSpecs.length > 0 ? 'PodCompleted' : undefined)
      : condition(
          'Initialized',
          false,
          'ContainersNotInitialized',
          `containers with incomplete status: [${notInitialized.map((s) => s.name).join(' ')}]`,
        ),
    unready.length === 0 && !terminal
      ? condition('ContainersReady', true)
      : condition('ContainersReady', false, readyReason, terminal ? undefined : unreadyMessage),
    unready.length === 0 && !terminal
      ? condition('Ready', true)
      : condition('Ready', false, readyReason, terminal ? undefined : unreadyMessage),
  ].map((c) => withTransitionTime(c, old.conditions, now));
  const scheduled = old.conditions?.find((c) => c.type === 'PodScheduled');

  const podIP = sandbox?.ip ?? old.podIP;
  const status: PodStatus = {
    phase,
    conditions: scheduled ? [...conditions, scheduled] : conditions,
    hostIP: input.hostIP,
    hostIPs: [{ ip: input.hostIP }],
    ...(podIP ? { podIP, podIPs: [{ ip: podIP }] } : {}),
    startTime: old.startTime ?? kubeTime(now),
    ...(initSpecs.length > 0 ? { initContainerStatuses } : {}),
    containerStatuses,
    ...(old.qosClass ? { qosClass: old.qosClass } : {}),
  };
  return status;
}

function containerStatus(input: PodStatusInput, spec: Container, isInit: boolean, initDone: boolean): ContainerStatus {
  const instances: ContainerInstances = input.instances.get(spec.name) ?? { stale: [] };
  const { current, previous } = instances;
  const override = input.waiting.get(spec.name);
  const containerID = (c: RuntimeContainer) => `${input.runtimeName}://${c.id}`;
  const terminated = (c: RuntimeContainer): ContainerState => ({
    terminated: {
      exitCode: c.exitCode ?? 0,
      reason: c.reason ?? (c.exitCode === 0 ? 'Completed' : 'Error'),
      ...(c.message ? { message: c.message } : {}),
      ...(c.startedAt ? { startedAt: kubeTime(c.startedAt) } : {}),
      ...(c.finishedAt ? { finishedAt: kubeTime(c.finishedAt) } : {}),
      containerID: containerID(c),
    },
  });

  let state: ContainerState;
  let lastState: ContainerState = previous?.state === 'exited' ? terminated(previous) : {};
  if (current?.state === 'running') {
    state = { running: { startedAt: kubeTime(current.startedAt ?? current.createdAt) } };
  } else if (current?.state === 'exited' && override) {
    state = { waiting: override };
    lastState = terminated(current);
  } else if (current?.state === 'exited') {
    state = terminated(current);
  } else {
    const fallback = !isInit && !initDone ? Waiting.podInitializing : Waiting.containerCreating;
    state = { waiting: override ?? { reason: fallback } };
  }
  const running = current?.state === 'running';
  return {
    name: spec.name,
    state,
    lastState,
    ready: running && input.ready(current.id),
    restartCount: restartCountOf(current),
    image: spec.image ?? '',
    imageID: current?.imageId ?? '',
    ...(current ? { containerID: containerID(current) } : {}),
    started: running && input.started(current.id),
  };
}

/** The kubelet's getPhase; Succeeded and Failed are final. */
function podPhase(
  pod: Pod,
  initDone: boolean,
  initStatuses: ContainerStatus[],
  statuses: ContainerStatus[],
): NonNullable<PodStatus['phase']> {
  const oldPhase = pod.status?.phase;
  if (oldPhase === 'Succeeded' || oldPhase === 'Failed') return oldPhase;
  const policy = pod.spec!.restartPolicy ?? 'Always';
  if (!initDone) {
    const initFailed = initStatuses.some((s) => (s.state?.terminated?.exitCode ?? 0) !== 0);
    return initFailed && policy === 'Never' ? 'Failed' : 'Pending';
  }
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const status of statuses) {
    if (status.state?.running) running++;
    else if (status.state?.terminated) {
      stopped++;
      if (status.state.terminated.exitCode === 0) succeeded++;
    } else if (status.lastState?.terminated) stopped++;
    else waiting++;
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped > 0) {
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    return policy === 'Never' ? 'Failed' : 'Running';
  }
  return 'Pending';
}

function exitedWith0(container: RuntimeContainer | undefined): boolean {
  return container?.state === 'exited' && container.exitCode === 0;
}

export function condition(type: string, status: boolean, reason?: string, message?: string): PodCondition {
  return {
    type,
    status: status ? 'True' : 'False',
    ...(reason ? { reason } : {}),
    ...(message ? { message } : {}),
  } as unknown as PodCondition;
}

export function withTransitionTime(c: PodCondition, old: PodCondition[] | undefined, now: Date): PodCondition {
  const before = old?.find((o) => o.type === c.type);
  const lastTransitionTime = before && before.status === c.status ? before.lastTransitionTime : kubeTime(now);
  return { ...c, lastProbeTime: null, lastTransitionTime } as unknown as PodCondition;
}
