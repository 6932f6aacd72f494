import type { ContainerStatus, Pod, PodStatus } from '#api';
import { condition, withTransitionTime } from '../status/compute-pod-status.js';
import { kubeTime } from '../status/kube-time.js';
import type { StaticPod } from './read-manifests.js';
import { StaticPodAnnotations } from './static-pod-annotations.js';

/** What the agent saw of the static pod's process this round. */
export interface Liveness {
  running: boolean;
  healthy: boolean;
}

/** The process a status describes, in its containerID: one status write records pid and restartCount together. */
const CONTAINER_ID_PREFIX = 'kubenest-process://';

/**
 * The mirror pod of a static pod, as the kubelet builds it: the manifest's labels, annotations
 * and spec on this node, the config annotations that mark it read-only, and the Node as owner.
 */
export function mirrorPodFor(pod: StaticPod, node: { name: string; uid: string }): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: pod.name,
      namespace: pod.namespace,
      labels: pod.manifest.metadata.labels ?? {},
      annotations: mirrorAnnotations(pod),
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.name, uid: node.uid, controller: true }],
    },
    spec: { ...pod.manifest.spec, nodeName: node.name },
  } as Pod;
}

export function mirrorAnnotations(pod: StaticPod): Record<string, string> {
  return {
    ...pod.manifest.metadata.annotations,
    [StaticPodAnnotations.source]: 'file',
    [StaticPodAnnotations.hash]: pod.hash,
    [StaticPodAnnotations.mirror]: pod.hash,
  };
}

/**
 * The status of a mirror pod from its process: Running while the pid lives, Ready while the
 * health URL also answers; a new pid counts as a container restart (startTime moves with it,
 * since the process the pod stands for started then).
 */
export function mirrorPodStatus(pod: StaticPod, old: PodStatus, live: Liveness, hostIP: string, now: Date): PodStatus {
  const spec = pod.manifest.spec!.containers[0];
  const before = old.containerStatuses?.[0];
  const containerID = pod.pid === undefined ? undefined : `${CONTAINER_ID_PREFIX}${pod.pid}`;
  const restarted =
    before?.containerID !== undefined && containerID !== undefined && before.containerID !== containerID;
  const samePid = before?.containerID === containerID && old.startTime !== undefined;
  const startTime = samePid ? old.startTime! : kubeTime(now);
  const ready = live.running && live.healthy;
  const container = {
    name: spec.name,
    image: spec.image,
    imageID: '',
    ...(containerID ? { containerID } : {}),
    ready,
    started: live.running,
    restartCount: (before?.restartCount ?? 0) + (restarted ? 1 : 0),
    state: live.running
      ? { running: { startedAt: startTime } }
      : { waiting: { reason: 'ProcessNotRunning', message: `pid ${pod.pid ?? '(none)'} is not running` } },
  } as unknown as ContainerStatus;
  const unready = ready ? [] : ['ContainersNotReady', `containers with unready status: [${spec.name}]`];
  const conditions = [
    condition('PodReadyToStartContainers', true),
    condition('Initialized', true),
    condition('ContainersReady', ready, ...unready),
    condition('Ready', ready, ...unready),
    condition('PodScheduled', true),
  ].map((c) => withTransitionTime(c, old.conditions, now));
  return {
    phase: live.running ? 'Running' : 'Pending',
    conditions,
    hostIP,
    hostIPs: [{ ip: hostIP }],
    // Components run on the host's network, like hostNetwork static pods.
    podIP: hostIP,
    podIPs: [{ ip: hostIP }],
    startTime,
    containerStatuses: [container],
    qosClass: 'BestEffort',
  } as PodStatus;
}
