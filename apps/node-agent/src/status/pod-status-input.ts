import type { Pod } from '#api';
import type { SandboxStatus } from '#runtime';
import type { ContainerInstances } from './container-instances.js';
import type { WaitingReason } from './waiting-reason.js';

/** Everything the pod status is computed from: the pod, what the runtime runs, and what the agent knows. */
export interface PodStatusInput {
  pod: Pod;
  sandbox?: SandboxStatus;
  instances: Map<string, ContainerInstances>;
  /** Why a container is not running, set by the last sync (image pull, config, back-off). */
  waiting: Map<string, WaitingReason>;
  /** Readiness of a running container by runtime id (true without a readiness probe). */
  ready(containerId: string): boolean;
  /** Whether a running container's startup probe has passed (true without one). */
  started(containerId: string): boolean;
  hostIP: string;
  runtimeName: string;
  now: Date;
}
