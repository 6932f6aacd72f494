import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { constants as osConstants } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type {
  ContainerConfig,
  ContainerRuntime,
  ContainerStats,
  ContainerStatus,
  ExecOptions,
  Labels,
  LogOptions,
  PullPolicy,
  SandboxConfig,
  SandboxStatus,
} from '../container-runtime.js';
import { findOnPath, isExecutable } from '../executables.js';
import { ImagePullError } from '../image-pull-error.js';
import { readJsonFileLog } from '../logs/read-json-file-log.js';
import { RuntimeLabels } from '../runtime-labels.js';
import { ProcessFiles } from './process-files.js';
import type { ProcessImage } from './process-image.js';
import type { ProcessRuntimeOptions } from './process-runtime-options.js';
import { processStartTime } from './process-start-time.js';
import type { ExitRecord, StartedRecord } from './shim-records.js';
import type { ShimSpec } from './shim-spec.js';

const SHIM = join(dirname(fileURLToPath(import.meta.url)), 'process-shim.js');
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const POD_IP = '127.0.0.1';
const POLL_MS = 25;
const START_TIMEOUT_MS = 10_000;
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

/** The workload images, as host commands (busybox-static provides /bin/busybox). */
const DEFAULT_IMAGES: Record<string, ProcessImage> = {
  'localhost:5000/busybox:1.36': { cmd: ['/bin/busybox', 'sh'] },
  'localhost:5000/pause:3.10': { cmd: ['/bin/busybox', 'sleep', '2147483647'] },
};

interface SandboxRecord {
  id: string;
  podUid: string;
  hostname: string;
  labels: Labels;
  createdAt: string;
  ready: boolean;
}

interface ContainerRecord {
  id: string;
  sandboxId: string;
  name: string;
  image: string;
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  labels: Labels;
  logPath: string;
  createdAt: string;
}

interface State {
  sandboxes: Record<string, SandboxRecord>;
  containers: Record<string, ContainerRecord>;
}

/**
 * ContainerRuntime on plain host processes, for hosts without Docker and for hollow nodes in
 * scale tests. No isolation of any kind:
 * - images are not pulled: an image is a name in `images` (-> entrypoint/cmd) or an absolute
 *   path to a host executable; ensureImage fails with ErrImagePull for anything else.
 *   command/args follow Kubernetes' rules over that entrypoint/cmd; a bare argv[0] is looked
 *   up on the container's PATH (default: the usual system dirs), i.e. the host's binaries.
 * - a sandbox is a record; every pod's IP is 127.0.0.1 and all pods share the host network.
 * - a container runs in <root>/containers/<id>/rootfs (workingDir is taken inside it), with
 *   only its own env plus PATH and HOSTNAME (never the agent's environment); limits are not
 *   enforced, so there is no OOMKilled; mounts are not made; tty is not supported.
 * - a detached shim per container writes its json-file log and exit code, so containers run
 *   on, and exits are recorded, while the agent restarts; state.json remembers the records and a
 *   new runtime over the same root adopts running processes by pid plus start time.
 */
export class ProcessRuntime implements ContainerRuntime {
  readonly name = 'process';
  private readonly root: string;
  private readonly images: Record<string, ProcessImage>;
  private readonly scopeLabels: Labels;
  private readonly statePath: string;
  private readonly state: State;
  private readonly cpuSamples = new Map<string, { ticks: number; at: number }>();

  constructor(options: ProcessRuntimeOptions) {
    this.root = options.rootDir;
    this.images = { ...DEFAULT_IMAGES, ...options.images };
    this.scopeLabels = options.scopeLabels ?? {};
    this.statePath = join(this.root, 'state.json');
    mkdirSync(join(this.root, 'containers'), { recursive: true });
    this.state = ProcessFiles.readJson<State>(this.statePath) ?? { sandboxes: {}, containers: {} };
  }

  async ensureImage(image: string, policy: PullPolicy): Promise<{ imageId: string }> {
    if (this.imageCommand(image)) return { imageId: `process://${image}` };
    if (policy === 'Never') {
      throw new ImagePullError(
        'ErrImageNeverPull',
        `Container image "${image}" is not present with pull policy of Never`,
      );
    }
    throw new ImagePullError(
      'ErrImagePull',
      `the process runtime does not pull images: "${image}" is neither a configured image nor an executable host path`,
    );
  }

  async runSandbox(config: SandboxConfig): Promise<SandboxStatus> {
    const record: SandboxRecord = {
      id: newId(),
      podUid: config.podUid,
      hostname: config.hostname,
      labels: {
        ...config.labels,
        ...this.scopeLabels,
        [RuntimeLabels.podUid]: config.podUid,
        [RuntimeLabels.podName]: config.name,
        [RuntimeLabels.podNamespace]: config.namespace,
      },
      createdAt: new Date().toISOString(),
      ready: true,
    };
    this.state.sandboxes[record.id] = record;
    this.save();
    return sandboxStatus(record);
  }

  async stopSandbox(id: string): Promise<void> {
    for (const container of await this.listContainers({ sandboxId: id })) await this.stopContainer(container.id, 0);
    const sandbox = this.state.sandboxes[id];
    if (sandbox) {
      sandbox.ready = false;
      this.save();
    }
  }

  async removeSandbox(id: string): Promise<void> {
    for (const container of await this.listContainers({ sandboxId: id })) await this.removeContainer(container.id);
    delete this.state.sandboxes[id];
    this.save();
  }

  async listSandboxes(): Promise<SandboxStatus[]> {
    return Object.values(this.state.sandboxes).map(sandboxStatus);
  }

  async createContainer(sandboxId: string, config: ContainerConfig): Promise<string> {
    const sandbox = this.state.sandboxes[sandboxId];
    if (!sandbox) throw new Error(`sandbox ${sandboxId} not found`);
    const image = this.imageCommand(config.image);
    if (!image) throw new ImagePullError('ErrImagePull', `image "${config.image}" is unknown to the process runtime`);
    // Kubernetes' rules: command replaces the entrypoint (and drops cmd), args replace cmd.
    const entry = config.command?.length ? config.command : (image.entrypoint ?? []);
    const args = config.args?.length ? config.args : config.command?.length ? [] : (image.cmd ?? []);
    const env: Record<string, string> = { PATH: DEFAULT_PATH, HOSTNAME: sandbox.hostname };
    for (const { name, value } of config.env) env[name] = value;
    const argv = [...entry, ...args];
    if (argv.length === 0) throw new Error(`container ${config.name}: no command and image ${config.image} has none`);
    const id = newId();
    const dir = this.containerDir(id);
    const cwd = join(ProcessFiles.rootfs(dir), config.workingDir ?? '/');
    mkdirSync(cwd, { recursive: true });
    this.state.containers[id] = {
      id,
      sandboxId,
      name: config.name,
      image: config.image,
      argv: [resolveExecutable(argv[0] ?? '', env.PATH ?? DEFAULT_PATH), ...argv.slice(1)],
      cwd,
      env,
      labels: {
        ...config.labels,
        ...this.scopeLabels,
        [RuntimeLabels.podUid]: sandbox.podUid,
        [RuntimeLabels.podName]: sandbox.labels[RuntimeLabels.podName] ?? '',
        [RuntimeLabels.podNamespace]: sandbox.labels[RuntimeLabels.podNamespace] ?? '',
        [RuntimeLabels.containerName]: config.name,
        [RuntimeLabels.sandboxId]: sandboxId,
      },
      logPath: config.logPath ?? ProcessFiles.log(dir, id),
      createdAt: new Date().toISOString(),
    };
    this.save();
    return id;
  }

  async startContainer(id: string): Promise<void> {
    const record = this.record(id);
    const dir = this.containerDir(id);
    mkdirSync(dirname(record.logPath), { recursive: true });
    const spec: ShimSpec = { dir, argv: record.argv, cwd: record.cwd, env: record.env, logPath: record.logPath };
    const shim = spawn(process.execPath, [SHIM, JSON.stringify(spec)], { detached: true, stdio: 'ignore' });
    shim.unref();
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      const exit = ProcessFiles.readJson<ExitRecord>(ProcessFiles.exit(dir));
      if (exit?.error) throw new Error(`container ${record.name} could not start: ${exit.error}`);
      if (existsSync(ProcessFiles.started(dir))) return;
      if (Date.now() > deadline) throw new Error(`container ${record.name}: its shim did not start it within 10 s`);
      await sleep(POLL_MS);
    }
  }

  /** SIGTERM to the container's process group, SIGKILL after `graceSeconds`, as Docker does. */
  async stopContainer(id: string, graceSeconds: number): Promise<void> {
    const started = this.runningProcess(id);
    if (!started) return;
    signalGroup(started.pid, 'SIGTERM');
    const deadline = Date.now() + graceSeconds * 1000;
    while (Date.now() < deadline && this.runningProcess(id)) await sleep(POLL_MS);
    if (this.runningProcess(id)) signalGroup(started.pid, 'SIGKILL');
    // Wait for the shim's exit record, so the status read next is final.
    const recorded = Date.now() + 5_000;
    while (!existsSync(ProcessFiles.exit(this.containerDir(id))) && Date.now() < recorded) await sleep(POLL_MS);
  }

  async removeContainer(id: string): Promise<void> {
    if (!this.state.containers[id]) return;
    await this.stopContainer(id, 0);
    rmSync(this.containerDir(id), { recursive: true, force: true });
    delete this.state.containers[id];
    this.cpuSamples.delete(id);
    this.save();
  }

  async listContainers(filter: { sandboxId?: string; labels?: Labels } = {}): Promise<ContainerStatus[]> {
    return Object.values(this.state.containers)
      .filter((record) => !filter.sandboxId || record.sandboxId === filter.sandboxId)
      .filter((record) => Object.entries(filter.labels ?? {}).every(([key, value]) => record.labels[key] === value))
      .map((record) => this.status(record));
  }

  async containerStatus(id: string): Promise<ContainerStatus | undefined> {
    const record = this.state.containers[id];
    return record && this.status(record);
  }

  async logs(id: string, options: LogOptions): Promise<Readable> {
    const record = this.record(id);
    return readJsonFileLog(record.logPath, options, async () => this.runningProcess(id) === undefined);
  }

  /** A child process in the container's directory and environment; tty is ignored (no PTY). */
  async exec(id: string, options: ExecOptions): Promise<number> {
    const record = this.record(id);
    if (!this.runningProcess(id)) throw new Error(`container ${record.name} is not running`);
    const [command, ...args] = options.command;
    const child = spawn(resolveExecutable(command ?? '', record.env.PATH ?? DEFAULT_PATH), args, {
      cwd: record.cwd,
      env: record.env,
      stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    });
    if (options.stdin && child.stdin) options.stdin.pipe(child.stdin);
    for (const [output, target] of [
      [child.stdout, options.stdout],
      [child.stderr, options.stderr],
    ] as const) {
      if (target) output?.pipe(target, { end: false });
      else output?.resume();
    }
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code, signal) => resolve(code ?? 128 + (signal ? signalNumber(signal) : 0)));
    });
  }

  /** Pods share the host's network: the pod's port is the host's port on loopback. */
  async portForward(sandboxId: string, port: number): Promise<NodeJS.ReadWriteStream> {
    if (!this.state.sandboxes[sandboxId]) throw new Error(`sandbox ${sandboxId} not found`);
    return new Promise((resolve, reject) => {
      const socket = connect({ host: POD_IP, port }, () => {
        socket.off('error', reject);
        resolve(socket);
      });
      socket.once('error', reject);
    });
  }

  /** From /proc of the container's main process (its children are not counted). */
  async stats(id: string): Promise<ContainerStats | undefined> {
    const started = this.runningProcess(id);
    if (!started) return undefined;
    try {
      const stat = readFileSync(`/proc/${started.pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
      const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${started.pid}/status`, 'utf8'))?.[1] ?? 0);
      const now = Date.now();
      const previous = this.cpuSamples.get(id);
      this.cpuSamples.set(id, { ticks, at: now });
      const coreNanos = (ticks * 1e9) / TICKS_PER_SECOND;
      const rate =
        previous && now > previous.at
          ? (((ticks - previous.ticks) * 1e9) / TICKS_PER_SECOND / ((now - previous.at) * 1e6)) * 1e9
          : 0;
      return {
        cpuUsageNanoCores: Math.round(rate),
        cpuUsageCoreNanoSeconds: coreNanos,
        memoryWorkingSetBytes: rssKiB * 1024,
        timestamp: new Date(now),
      };
    } catch {
      return undefined; // it exited between the check and the read
    }
  }

  private status(record: ContainerRecord): ContainerStatus {
    const dir = this.containerDir(record.id);
    const started = ProcessFiles.readJson<StartedRecord>(ProcessFiles.started(dir));
    const exit = ProcessFiles.readJson<ExitRecord>(ProcessFiles.exit(dir));
    const base = {
      id: record.id,
      sandboxId: record.sandboxId,
      name: record.name,
      image: record.image,
      imageId: `process://${record.image}`,
      createdAt: new Date(record.createdAt),
      startedAt: started ? new Date(started.startedAt) : undefined,
      labels: record.labels,
      logPath: record.logPath,
    };
    if (exit) {
      const reason = exit.error ? 'ContainerCannotRun' : exit.exitCode === 0 ? 'Completed' : 'Error';
      return {
        ...base,
        state: 'exited',
        exitCode: exit.exitCode,
        finishedAt: new Date(exit.finishedAt),
        reason,
        message: exit.error,
      };
    }
    if (!started) return { ...base, state: 'created' };
    if (this.runningProcess(record.id)) return { ...base, state: 'running' };
    // Neither running nor recorded: the shim itself was killed (or the host rebooted).
    return { ...base, state: 'unknown', message: 'the process ended without an exit record' };
  }

  /** The container's process if it still runs: same pid and the same start time. */
  private runningProcess(id: string): StartedRecord | undefined {
    const dir = this.containerDir(id);
    if (existsSync(ProcessFiles.exit(dir))) return undefined;
    const started = ProcessFiles.readJson<StartedRecord>(ProcessFiles.started(dir));
    return started && processStartTime(started.pid) === started.pidStartTime ? started : undefined;
  }

  private imageCommand(image: string): ProcessImage | undefined {
    const mapped = this.images[image];
    if (mapped) return mapped;
    return isAbsolute(image) && isExecutable(image) ? { entrypoint: [image] } : undefined;
  }

  private record(id: string): ContainerRecord {
    const record = this.state.containers[id];
    if (!record) throw new Error(`container ${id} not found`);
    return record;
  }

  private containerDir(id: string): string {
    return join(this.root, 'containers', id);
  }

  private save(): void {
    ProcessFiles.writeJson(this.statePath, this.state);
  }
}

function sandboxStatus(record: SandboxRecord): SandboxStatus {
  return {
    id: record.id,
    podUid: record.podUid,
    state: record.ready ? 'ready' : 'notready',
    ip: POD_IP,
    labels: record.labels,
    createdAt: new Date(record.createdAt),
  };
}

function newId(): string {
  return randomBytes(16).toString('hex');
}

/** argv[0] as the container's PATH finds it; left as is (to fail at start) when not found. */
function resolveExecutable(command: string, path: string): string {
  if (command.includes('/')) return command;
  return findOnPath(command, path) ?? command;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function signalNumber(signal: NodeJS.Signals): number {
  return osConstants.signals[signal] ?? 0;
}
