import type { Logger } from 'pino';
import type { Pod } from '#api';
import type { ApiClient, EventRecorder } from '#client';
import type { ContainerRuntime } from '#runtime';
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
  /** The pod the informer has for a uid, if any. */
  podByUid(uid: string): Pod | undefined;
  logger: Logger;
}
