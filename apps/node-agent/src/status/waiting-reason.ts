/** Why a container is not running, as the kubelet words it in state.waiting. */
export interface WaitingReason {
  reason: string;
  message?: string;
}

/** The kubelet's waiting reasons (constants so that sync and status agree on spelling). */
export const Waiting = {
  containerCreating: 'ContainerCreating',
  podInitializing: 'PodInitializing',
  errImagePull: 'ErrImagePull',
  imagePullBackOff: 'ImagePullBackOff',
  errImageNeverPull: 'ErrImageNeverPull',
  crashLoopBackOff: 'CrashLoopBackOff',
  createContainerConfigError: 'CreateContainerConfigError',
  runContainerError: 'RunContainerError',
} as const;
