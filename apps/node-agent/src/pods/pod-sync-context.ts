import type { Logger } from 'pino';
import type { Pod } from '#api';
import type { ApiClient, EventRecorder } from '#client';
import type { ContainerRuntime, SandboxConfig } from '#runtime';
import type { Backoff } from '../backoff/backoff.js';
import type { ProbeManager } from '../probes/probe-manager.js';

/** What pod syncs share across the node: the runtime, the API, back-offs and probes. */
export interface PodSyncContext {
  nodeName: string;
  hostIP: string;
  /** Per-pod directories (volumes) live under `<rootDir>/pods/<uid>`. */
  rootDir: string;
  runtime: ContainerRuntime;
  client: ApiClient;
  events: EventRecorder;
  probes: ProbeManager;
  /** Keyed `<pod uid>/<container name>`: CrashLoopBackOff. */
  crashBackoff: Backoff;
  /** Keyed `<pod uid>/<container name>/<image>`: ImagePullBackOff. */
  imageBackoff: Backoff;
  nodeAllocatable: { cpu: string; memory: string };
  /** How many pods may be starting (sandbox and first containers) at once; unset for no limit. */
  podStartsAtOnce?: number;
  /** The Service variables for the pod's containers (service-env.ts), as of now. */
  serviceEnv(pod: Pod): Map<string, string>;
  /** The pod sandbox's resolv.conf (dnsPolicy, dnsConfig, the cluster DNS). */
  podDns(pod: Pod): SandboxConfig['dns'];
  /** The pod the informer has for a uid, if any. */
  podByUid(uid: string): Pod | undefined;
  logger: Logger;
}
