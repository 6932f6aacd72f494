import type { Readable, Writable } from 'node:stream';

/**
 * The node agent's view of a container runtime, shaped after Kubernetes' CRI
 * (RunPodSandbox, CreateContainer, StartContainer, ...): a pod is a sandbox that holds its
 * network namespace and IP, and containers that join it. Implementations: docker (Docker
 * Engine API) and process (host processes, for hosts without Docker and hollow nodes).
 * Every sandbox and container carries the labels the agent passes, so that after a restart
 * the agent can find and adopt what it runs.
 */
export type Labels = Record<string, string>;

export interface SandboxConfig {
  podUid: string;
  namespace: string;
  name: string;
  hostname: string;
  labels: Labels;
  /** Pod-level DNS: nameservers, searches, options for the sandbox's resolv.conf. */
  dns?: { nameservers: string[]; searches: string[]; options: string[] };
  hostNetwork?: boolean;
  portMappings?: { containerPort: number; hostPort: number; protocol: 'TCP' | 'UDP' | 'SCTP'; hostIP?: string }[];
}

export interface SandboxStatus {
  id: string;
  podUid: string;
  state: 'ready' | 'notready';
  ip?: string;
  labels: Labels;
  createdAt: Date;
}

export interface Mount {
  hostPath: string;
  containerPath: string;
  readOnly: boolean;
}

export interface ContainerConfig {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env: { name: string; value: string }[];
  workingDir?: string;
  mounts: Mount[];
  labels: Labels;
  /** Docker-style limits: CPU in millicores, memory in bytes. */
  resources?: { cpuMillis?: number; cpuRequestMillis?: number; memoryBytes?: number };
  tty?: boolean;
  stdin?: boolean;
  /** Where the runtime writes the container's log, in Docker json-file format. */
  logPath?: string;
}

export type ContainerState = 'created' | 'running' | 'exited' | 'unknown';

export interface ContainerStatus {
  id: string;
  sandboxId: string;
  name: string;
  image: string;
  imageId: string;
  state: ContainerState;
  createdAt: Date;
  startedAt?: Date;
  finishedAt?: Date;
  exitCode?: number;
  /** "OOMKilled", "Error", "Completed", "ContainerCannotRun" ... as the kubelet reports it. */
  reason?: string;
  message?: string;
  labels: Labels;
  logPath?: string;
}

export interface LogOptions {
  follow: boolean;
  tailLines?: number;
  sinceTime?: Date;
  timestamps: boolean;
}

export interface ExecOptions {
  command: string[];
  tty: boolean;
  stdin?: Readable;
  stdout?: Writable;
  stderr?: Writable;
}

export interface ContainerStats {
  cpuUsageNanoCores: number;
  cpuUsageCoreNanoSeconds: number;
  memoryWorkingSetBytes: number;
  timestamp: Date;
}

export type PullPolicy = 'Always' | 'IfNotPresent' | 'Never';

export interface ContainerRuntime {
  readonly name: 'docker' | 'process';
  /** Makes the image present per policy; throws ImagePullError (ErrImagePull/ErrImageNeverPull) with the reason. */
  ensureImage(image: string, policy: PullPolicy): Promise<{ imageId: string }>;
  runSandbox(config: SandboxConfig): Promise<SandboxStatus>;
  stopSandbox(id: string): Promise<void>;
  removeSandbox(id: string): Promise<void>;
  listSandboxes(): Promise<SandboxStatus[]>;
  createContainer(sandboxId: string, config: ContainerConfig): Promise<string>;
  startContainer(id: string): Promise<void>;
  /** SIGTERM, then SIGKILL after graceSeconds. */
  stopContainer(id: string, graceSeconds: number): Promise<void>;
  removeContainer(id: string): Promise<void>;
  listContainers(filter?: { sandboxId?: string; labels?: Labels }): Promise<ContainerStatus[]>;
  containerStatus(id: string): Promise<ContainerStatus | undefined>;
  logs(id: string, options: LogOptions): Promise<Readable>;
  /** Runs a command in the container; resolves with its exit code. */
  exec(id: string, options: ExecOptions): Promise<number>;
  /** A TCP stream to `port` inside the pod's network namespace (port-forward, probes). */
  portForward(sandboxId: string, port: number): Promise<NodeJS.ReadWriteStream>;
  stats(id: string): Promise<ContainerStats | undefined>;
}
