import { connect } from 'node:net';
import { Writable, type Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import Docker from 'dockerode';
import type {
  ContainerConfig,
  ContainerRuntime,
  ContainerState,
  ContainerStats,
  ContainerStatus,
  ExecOptions,
  Labels,
  LogOptions,
  PullPolicy,
  SandboxConfig,
  SandboxStatus,
} from '../container-runtime.js';
import { ImagePullError } from '../image-pull-error.js';
import { readJsonFileLog } from '../logs/read-json-file-log.js';
import { RuntimeLabels } from '../runtime-labels.js';
import { containerReason } from './container-reason.js';
import { DEFAULT_CONTAINER_LOGS, type DockerRuntimeOptions } from './docker-runtime-options.js';
import { FreshSharedCall } from './fresh-shared-call.js';
import { defaultPodNetworkAttach } from './pod-network/default-attach.js';
import { VethNetwork } from './pod-network/veth-network.js';
import { writeHosts } from './write-hosts.js';
import { writeResolvConf } from './write-resolv-conf.js';

const DEFAULT_NETWORK = { name: 'kubenest0', subnet: '10.88.0.0/16' };
const DEFAULT_PAUSE_IMAGE = 'localhost:5000/pause:3.10';
/** Where address reservations live (one directory per network), shared by every agent on the machine. */
const DEFAULT_RESERVATIONS_DIR = '/run/kubenest/ip-reservations';
const SANDBOX = 'podsandbox';
const CONTAINER = 'container';
/** A full container ID, as Docker reports it and labels hold it. */
const FULL_ID = /^[0-9a-f]{64}$/;
/** Docker's zero time for "never started/finished". */
const ZERO_TIME = '0001-01-01T00:00:00Z';

/**
 * ContainerRuntime on Docker Engine, the way dockershim did it: a pod sandbox is a pause
 * container that owns the pod's network namespace and IP on the kubenest0 bridge, and every
 * container of the pod joins it (NetworkMode container:<sandbox>), so they share localhost.
 * As root the runtime wires the sandbox to the bridge itself, as the kubelet's bridge CNI
 * plugin does (pod-network/veth-network.ts); otherwise, and for pods with host ports, Docker
 * attaches it to the network. Everything carries the pod's labels plus the scope labels, so a
 * restarted agent lists and adopts what it ran.
 */
export class DockerRuntime implements ContainerRuntime {
  readonly name = 'docker';
  private readonly docker: Docker;
  private readonly network: { name: string; subnet: string };
  private readonly pauseImage: string;
  private readonly scopeLabels: Labels;
  private readonly logConfig: { Type: string; Config: Record<string, string> };
  private networkReady?: Promise<void>;
  /** Undefined when Docker attaches every sandbox to the network itself. */
  private readonly veth?: VethNetwork;
  /** Everything in scope, one list shared by the pod syncs that ask at the same time. */
  private readonly scopedList: FreshSharedCall<Docker.ContainerInfo[]>;
  /**
   * Container statuses by ID, with the Docker state they were read in: a running or exited
   * container's inspect does not change until its state does, so a list re-inspects only
   * containers that changed, not every container on every sync.
   */
  private readonly inspected = new Map<string, { state: string; status: ContainerStatus; at: number }>();
  /** The pause image is looked up once, not per sandbox; forgotten when a create misses it. */
  private pauseImageReady?: Promise<unknown>;

  constructor(options: DockerRuntimeOptions = {}) {
    this.docker = options.docker ?? new Docker();
    this.network = options.network ?? DEFAULT_NETWORK;
    this.pauseImage = options.pauseImage ?? DEFAULT_PAUSE_IMAGE;
    this.scopeLabels = options.scopeLabels ?? {};
    if ((options.podNetworkAttach ?? defaultPodNetworkAttach()) === 'veth') {
      const dir = options.ipReservationsDir ?? DEFAULT_RESERVATIONS_DIR;
      this.veth = new VethNetwork(this.docker, this.network.name, this.network.subnet, dir);
    }
    // Both kinds (sandboxes, containers): a label filter without a value asks only that the key is there.
    const label = [...Object.entries(this.scopeLabels).map(([key, value]) => `${key}=${value}`), RuntimeLabels.kind];
    this.scopedList = new FreshSharedCall(() => this.docker.listContainers({ all: true, filters: { label } }));
    const logs = options.containerLogs ?? DEFAULT_CONTAINER_LOGS;
    // Docker reads a bare max-size as bytes; it rotates and the log tailer follows the rotation.
    this.logConfig = {
      Type: 'json-file',
      Config: { 'max-size': String(logs.maxSizeBytes), 'max-file': String(logs.maxFiles) },
    };
  }

  async ensureImage(image: string, policy: PullPolicy): Promise<{ imageId: string }> {
    const reference = withDefaultTag(image);
    const present = await this.imageId(reference);
    if (present && policy !== 'Always') return { imageId: present };
    if (policy === 'Never') {
      throw new ImagePullError(
        'ErrImageNeverPull',
        `Container image "${image}" is not present with pull policy of Never`,
      );
    }
    try {
      const progress = await this.docker.pull(reference);
      await new Promise<void>((resolve, reject) =>
        this.docker.modem.followProgress(progress, (error: Error | null) => (error ? reject(error) : resolve())),
      );
    } catch (error) {
      throw new ImagePullError('ErrImagePull', `failed to pull image "${image}": ${dockerMessage(error)}`, {
        cause: error,
      });
    }
    const pulled = await this.imageId(reference);
    if (!pulled) throw new ImagePullError('ErrImagePull', `image "${image}" is missing after its pull`);
    return { imageId: pulled };
  }

  async runSandbox(config: SandboxConfig): Promise<SandboxStatus> {
    const attach = this.attachOf(config);
    if (attach !== 'host') await this.ensureNetwork();
    await this.ensurePauseImage();
    const portBindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
    for (const mapping of config.portMappings ?? []) {
      const key = `${mapping.containerPort}/${mapping.protocol.toLowerCase()}`;
      (portBindings[key] ??= []).push({ HostIp: mapping.hostIP ?? '', HostPort: String(mapping.hostPort) });
    }
    const name = `k8s_POD_${config.name}_${config.namespace}_${config.podUid}_${uniqueSuffix()}`;
    const ip = attach === 'veth' ? await this.veth!.reserve(name) : undefined;
    let id: string | undefined;
    try {
      const container = await this.createPauseContainer({
        name,
        Image: withDefaultTag(this.pauseImage),
        Hostname: attach === 'host' ? undefined : config.hostname,
        Labels: {
          ...config.labels,
          ...this.scopeLabels,
          ...podLabels(config),
          [RuntimeLabels.kind]: SANDBOX,
          ...(ip ? { [RuntimeLabels.podIP]: ip } : {}),
        },
        ExposedPorts: Object.fromEntries(Object.keys(portBindings).map((key) => [key, {}])),
        HostConfig: {
          NetworkMode: { host: 'host', veth: 'none', docker: this.network.name }[attach],
          PortBindings: portBindings,
          Dns: config.dns?.nameservers,
          DnsSearch: config.dns?.searches,
          DnsOptions: config.dns?.options,
          // Shared with the pod's containers (IpcMode container:<sandbox>), like Kubernetes.
          IpcMode: 'shareable',
          LogConfig: this.logConfig,
        },
      });
      id = container.id;
      await container.start();
      // One inspect after the start gives the pid to wire, the resolv.conf path and Docker's pod IP.
      const info = await this.inspect(container.id);
      if (!info) throw new Error(`sandbox ${container.id} vanished right after it started`);
      if (ip) {
        await this.veth!.connect(info.Id, info.State.Pid, ip);
        await writeHosts(info.HostsPath, ip, config.hostname);
      }
      if (config.dns && attach !== 'host') await writeResolvConf(info.ResolvConfPath, config.dns);
      return this.sandboxStatusOf(info);
    } catch (error) {
      if (ip) {
        // Nothing of a half-made sandbox stays: removing it ends its netns, and the veth with it.
        if (id) await this.removeContainer(id);
        await this.veth!.release(ip, name);
      }
      throw error;
    }
  }

  /** Stops the pod's remaining containers at once (CRI: "forcibly"), then the pause container. */
  async stopSandbox(id: string): Promise<void> {
    for (const container of await this.listContainers({ sandboxId: id })) {
      if (container.state === 'running') await this.stopContainer(container.id, 0);
    }
    await this.stopContainer(id, 10);
    // As CNI DEL at StopPodSandbox: the veth and the address go with the pause process.
    await this.veth?.disconnect(id);
    await this.releaseAddress(id);
  }

  async removeSandbox(id: string): Promise<void> {
    for (const container of await this.listContainers({ sandboxId: id })) await this.removeContainer(container.id);
    // Before the container goes: its labels name the reservation, and once it is gone a
    // reservation it left would be anyone's to clean up (veth-network.ts).
    await this.releaseAddress(id);
    await this.removeContainer(id);
  }

  /**
   * From the list's summaries alone, which carry state, labels and IP: an inspect per sandbox
   * would cost a node with N pods N calls on every pod's sync.
   */
  async listSandboxes(): Promise<SandboxStatus[]> {
    const found = (await this.scopedList.run()).filter((summary) => summary.Labels?.[RuntimeLabels.kind] === SANDBOX);
    return found.map((summary) => {
      const labels = summary.Labels ?? {};
      const running = containerState(summary.State) === 'running';
      return {
        id: summary.Id,
        podUid: labels[RuntimeLabels.podUid] ?? '',
        state: running ? 'ready' : 'notready',
        ip: this.podIPOf(labels, running, summary.NetworkSettings?.Networks),
        labels,
        createdAt: new Date(summary.Created * 1000),
      };
    });
  }

  async createContainer(sandboxId: string, config: ContainerConfig): Promise<string> {
    const sandbox = await this.sandboxIdentity(sandboxId, config.labels);
    const pod = sandbox.labels;
    const resources = config.resources ?? {};
    const container = await this.docker.createContainer({
      name: `k8s_${config.name}_${pod[RuntimeLabels.podName]}_${pod[RuntimeLabels.podNamespace]}_${pod[RuntimeLabels.podUid]}_${uniqueSuffix()}`,
      Image: config.image,
      // Kubernetes' command replaces the image's ENTRYPOINT and args its CMD; Docker drops
      // the image's CMD when Entrypoint is given, which is Kubernetes' rule too.
      Entrypoint: config.command?.length ? config.command : undefined,
      Cmd: config.args?.length ? config.args : undefined,
      Env: config.env.map(({ name, value }) => `${name}=${value}`),
      WorkingDir: config.workingDir,
      Tty: config.tty ?? false,
      OpenStdin: config.stdin ?? false,
      Labels: {
        ...config.labels,
        ...this.scopeLabels,
        [RuntimeLabels.podUid]: pod[RuntimeLabels.podUid] ?? '',
        [RuntimeLabels.podName]: pod[RuntimeLabels.podName] ?? '',
        [RuntimeLabels.podNamespace]: pod[RuntimeLabels.podNamespace] ?? '',
        [RuntimeLabels.containerName]: config.name,
        [RuntimeLabels.kind]: CONTAINER,
        [RuntimeLabels.sandboxId]: sandbox.id,
      },
      HostConfig: {
        NetworkMode: `container:${sandbox.id}`,
        IpcMode: `container:${sandbox.id}`,
        Binds: config.mounts.map((m) => `${m.hostPath}:${m.containerPath}${m.readOnly ? ':ro' : ''}`),
        NanoCpus: resources.cpuMillis ? resources.cpuMillis * 1_000_000 : undefined,
        // The kubelet's milliCPUToShares: 1024 shares per CPU, at least 2.
        CpuShares: resources.cpuRequestMillis
          ? Math.max(2, Math.floor((resources.cpuRequestMillis * 1024) / 1000))
          : undefined,
        Memory: resources.memoryBytes,
        // Without swap the limit is a real limit: exceeding it is an OOM kill, as in Kubernetes.
        MemorySwap: resources.memoryBytes,
        // Docker writes json-file logs at its own path (ContainerStatus.logPath), not config.logPath.
        LogConfig: this.logConfig,
      },
    });
    return container.id;
  }

  async startContainer(id: string): Promise<void> {
    await this.docker.getContainer(id).start();
  }

  /** docker stop -t grace: SIGTERM (or the image's STOPSIGNAL), SIGKILL after `graceSeconds`. */
  async stopContainer(id: string, graceSeconds: number): Promise<void> {
    try {
      await this.docker.getContainer(id).stop({ t: Math.max(0, Math.ceil(graceSeconds)) });
    } catch (error) {
      if (!hasStatus(error, 304, 404)) throw error; // already stopped, or gone
    }
  }

  async removeContainer(id: string): Promise<void> {
    this.inspected.delete(id);
    try {
      await this.docker.getContainer(id).remove({ force: true, v: true });
    } catch (error) {
      if (!hasStatus(error, 404, 409)) throw error; // gone, or removal already under way
    }
  }

  async listContainers(filter: { sandboxId?: string; labels?: Labels } = {}): Promise<ContainerStatus[]> {
    const labels: Labels = { ...filter.labels, [RuntimeLabels.kind]: CONTAINER };
    if (filter.sandboxId) labels[RuntimeLabels.sandboxId] = await this.fullId(filter.sandboxId);
    const asked = performance.now();
    const all = await this.scopedList.run();
    // Forget containers gone from the list, but not those inspected after it began (created meanwhile).
    const listed = new Set(all.map((summary) => summary.Id));
    for (const [id, { at }] of this.inspected) if (!listed.has(id) && at < asked) this.inspected.delete(id);
    const found = all.filter((summary) =>
      Object.entries(labels).every(([key, value]) => summary.Labels?.[key] === value),
    );
    const statuses = await Promise.all(found.map((summary) => this.cachedStatus(summary)));
    return statuses.filter((status): status is ContainerStatus => status !== undefined);
  }

  /** Always inspects (the caller wants the container as it is now), and remembers the answer for lists. */
  async containerStatus(id: string): Promise<ContainerStatus | undefined> {
    const info = await this.inspect(id);
    if (!info) return undefined;
    const status = this.containerStatusOf(info);
    if (info.State.Status === 'running' || info.State.Status === 'exited')
      this.inspected.set(info.Id, { state: info.State.Status, status, at: performance.now() });
    return status;
  }

  /** From the cache while the container stays in the state it was inspected in (running or exited). */
  private async cachedStatus(summary: Docker.ContainerInfo): Promise<ContainerStatus | undefined> {
    const cached = this.inspected.get(summary.Id);
    return cached?.state === summary.State ? cached.status : this.containerStatus(summary.Id);
  }

  private containerStatusOf(info: Docker.ContainerInspectInfo): ContainerStatus {
    const labels = info.Config.Labels ?? {};
    const state = info.State;
    // Docker leaves a container whose start failed (missing executable) "created" with an Error
    // and exit code 127; the kubelet's dockershim counted it as exited, so restarts and lastState work.
    const exited =
      state.Status === 'exited' || state.Status === 'dead' || (state.Status === 'created' && !!state.Error);
    return {
      id: info.Id,
      sandboxId: labels[RuntimeLabels.sandboxId] ?? '',
      name: labels[RuntimeLabels.containerName] ?? info.Name.replace(/^\//, ''),
      image: info.Config.Image,
      imageId: info.Image,
      state: exited ? 'exited' : containerState(state.Status),
      createdAt: new Date(info.Created),
      startedAt: dockerTime(state.StartedAt),
      finishedAt: state.Running ? undefined : dockerTime(state.FinishedAt),
      exitCode: exited ? state.ExitCode : undefined,
      ...containerReason(state),
      labels,
      logPath: info.LogPath || undefined,
    };
  }

  async logs(id: string, options: LogOptions): Promise<Readable> {
    const info = await this.docker.getContainer(id).inspect();
    if (!info.LogPath)
      throw new Error(`container ${id} has no json-file log (log driver ${info.HostConfig.LogConfig?.Type})`);
    return readJsonFileLog(info.LogPath, options, async () => !(await this.inspect(id))?.State.Running);
  }

  async exec(id: string, options: ExecOptions): Promise<number> {
    const exec = await this.docker.getContainer(id).exec({
      Cmd: options.command,
      AttachStdin: options.stdin !== undefined,
      AttachStdout: true,
      AttachStderr: true,
      Tty: options.tty,
    });
    const stream = await exec.start({ hijack: true, stdin: options.stdin !== undefined, Tty: options.tty });
    const stdout = options.stdout ?? discard();
    const stderr = options.stderr ?? discard();
    // Without a TTY Docker multiplexes stdout and stderr into one stream with frame headers.
    if (options.tty) stream.pipe(stdout, { end: false });
    else this.docker.modem.demuxStream(stream, stdout, stderr);
    // end: true half-closes the hijacked socket, which Docker passes on as EOF on stdin.
    options.stdin?.pipe(stream);
    await new Promise<void>((resolve, reject) => {
      stream.once('end', resolve);
      stream.once('close', resolve);
      stream.once('error', reject);
    });
    // The exit code lands a moment after the output stream ends.
    for (let attempt = 0; ; attempt++) {
      const result = await exec.inspect();
      if (!result.Running && result.ExitCode !== null) return result.ExitCode;
      if (attempt > 100) throw new Error(`exec in ${id} ended its output but reports no exit code`);
      await sleep(20);
    }
  }

  /** A TCP connection to the sandbox's IP over the Docker bridge, which the host can reach. */
  async portForward(sandboxId: string, port: number): Promise<NodeJS.ReadWriteStream> {
    const sandbox = await this.sandboxStatus(sandboxId);
    if (!sandbox) throw new Error(`sandbox ${sandboxId} not found`);
    const host = sandbox.ip ?? '127.0.0.1'; // host-network pods listen on the host itself
    return new Promise((resolve, reject) => {
      const socket = connect({ host, port }, () => {
        socket.off('error', reject);
        resolve(socket);
      });
      socket.once('error', reject);
    });
  }

  async stats(id: string): Promise<ContainerStats | undefined> {
    let sample: Docker.ContainerStats;
    try {
      sample = await this.docker.getContainer(id).stats({ stream: false });
    } catch (error) {
      if (hasStatus(error, 404, 409)) return undefined;
      throw error;
    }
    const usage = sample.cpu_stats?.cpu_usage?.total_usage;
    if (!usage || !sample.memory_stats?.usage) return undefined; // not running
    // One-shot stats carry the previous sample too (Docker waits ~1 s for it).
    const cpuDelta = usage - (sample.precpu_stats?.cpu_usage?.total_usage ?? usage);
    const wallDelta = (Date.parse(sample.read) - Date.parse(sample.preread)) * 1e6;
    const memory = sample.memory_stats;
    const inactive = memory.stats?.total_inactive_file ?? memory.stats?.inactive_file ?? 0;
    return {
      cpuUsageNanoCores: wallDelta > 0 ? Math.round((cpuDelta / wallDelta) * 1e9) : 0,
      cpuUsageCoreNanoSeconds: usage,
      // The kubelet's working set: usage minus the inactive page cache, never below zero.
      memoryWorkingSetBytes: Math.max(0, memory.usage - inactive),
      timestamp: new Date(sample.read),
    };
  }

  private async sandboxStatus(id: string): Promise<SandboxStatus | undefined> {
    const info = await this.inspect(id);
    return info && this.sandboxStatusOf(info);
  }

  private sandboxStatusOf(info: Docker.ContainerInspectInfo): SandboxStatus {
    const labels = info.Config.Labels ?? {};
    return {
      id: info.Id,
      podUid: labels[RuntimeLabels.podUid] ?? '',
      state: info.State.Running ? 'ready' : 'notready',
      ip: this.podIPOf(labels, info.State.Running, info.NetworkSettings.Networks),
      labels,
      createdAt: new Date(info.Created),
    };
  }

  /** The address wired here (its label), else the one Docker gave; a stopped sandbox has none. */
  private podIPOf(
    labels: Labels,
    running: boolean,
    networks: Record<string, { IPAddress?: string }> | undefined,
  ): string | undefined {
    if (!running) return undefined;
    return labels[RuntimeLabels.podIP] || networks?.[this.network.name]?.IPAddress || undefined;
  }

  /** host for hostNetwork; Docker's attachment for host ports (Docker maps them) or without veth wiring. */
  private attachOf(config: SandboxConfig): 'host' | 'veth' | 'docker' {
    if (config.hostNetwork) return 'host';
    return this.veth && !config.portMappings?.length ? 'veth' : 'docker';
  }

  /** Gives back the address of a sandbox this runtime wired (a no-op for any other). */
  private async releaseAddress(sandboxId: string): Promise<void> {
    if (!this.veth) return;
    const info = await this.inspect(sandboxId);
    const ip = info?.Config.Labels?.[RuntimeLabels.podIP];
    if (info && ip) await this.veth.release(ip, info.Name.replace(/^\//, ''));
  }

  private ensureNetwork(): Promise<void> {
    this.networkReady ??= (async () => {
      const existing = await this.docker.listNetworks({ filters: { name: [this.network.name] } });
      if (!existing.some((network) => network.Name === this.network.name)) {
        try {
          await this.docker.createNetwork({
            Name: this.network.name,
            Driver: 'bridge',
            CheckDuplicate: true,
            IPAM: { Driver: 'default', Config: [{ Subnet: this.network.subnet }] },
            Labels: { ...this.scopeLabels, 'io.kubenest.network': this.network.name },
          });
        } catch (error) {
          if (!hasStatus(error, 409)) throw error; // another agent created it meanwhile
        }
      }
      // Wired sandboxes join the bridge Docker made for the network.
      await this.veth?.ready();
    })().catch((error: unknown) => {
      this.networkReady = undefined; // let the next sandbox try again
      throw error;
    });
    return this.networkReady;
  }

  private async inspect(id: string): Promise<Docker.ContainerInspectInfo | undefined> {
    try {
      return await this.docker.getContainer(id).inspect();
    } catch (error) {
      if (hasStatus(error, 404)) return undefined;
      throw error;
    }
  }

  /** Labels hold full IDs; callers may pass a short one (a full one needs no lookup). */
  private async fullId(id: string): Promise<string> {
    if (FULL_ID.test(id)) return id;
    return (await this.inspect(id))?.Id ?? id;
  }

  /**
   * The sandbox's full ID and pod labels. The node agent hands over both (the ID it got from
   * runSandbox, the pod's labels in the container's config), which saves an inspect per
   * container; anything less is looked up.
   */
  private async sandboxIdentity(sandboxId: string, labels: Labels): Promise<{ id: string; labels: Labels }> {
    const podKeys = [RuntimeLabels.podUid, RuntimeLabels.podName, RuntimeLabels.podNamespace];
    if (FULL_ID.test(sandboxId) && podKeys.every((key) => labels[key])) return { id: sandboxId, labels };
    const sandbox = await this.docker.getContainer(sandboxId).inspect();
    return { id: sandbox.Id, labels: sandbox.Config.Labels ?? {} };
  }

  private ensurePauseImage(): Promise<unknown> {
    this.pauseImageReady ??= this.ensureImage(this.pauseImage, 'IfNotPresent').catch((error: unknown) => {
      this.pauseImageReady = undefined;
      throw error;
    });
    return this.pauseImageReady;
  }

  /** Someone removed the pause image since it was looked up: look (and pull) again next time. */
  private async createPauseContainer(options: Docker.ContainerCreateOptions): Promise<Docker.Container> {
    try {
      return await this.docker.createContainer(options);
    } catch (error) {
      if (hasStatus(error, 404)) this.pauseImageReady = undefined;
      throw error;
    }
  }

  private async imageId(reference: string): Promise<string | undefined> {
    try {
      return (await this.docker.getImage(reference).inspect()).Id;
    } catch (error) {
      if (hasStatus(error, 404)) return undefined;
      throw error;
    }
  }
}

function podLabels(config: SandboxConfig): Labels {
  return {
    [RuntimeLabels.podUid]: config.podUid,
    [RuntimeLabels.podName]: config.name,
    [RuntimeLabels.podNamespace]: config.namespace,
  };
}

/** "busybox" means "busybox:latest" to Docker's pull API only when the tag is explicit. */
function withDefaultTag(image: string): string {
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  return image.includes('@') || lastPart.includes(':') ? image : `${image}:latest`;
}

function containerState(status: string): ContainerState {
  switch (status) {
    case 'created':
      return 'created';
    case 'running':
    case 'paused':
    case 'restarting':
      return 'running';
    case 'exited':
    case 'dead':
      return 'exited';
    default:
      return 'unknown';
  }
}

function dockerTime(value: string | undefined): Date | undefined {
  return value && value !== ZERO_TIME ? new Date(value) : undefined;
}

function uniqueSuffix(): string {
  return Math.random().toString(36).slice(2, 8);
}

function hasStatus(error: unknown, ...codes: number[]): boolean {
  const statusCode = (error as { statusCode?: number } | null)?.statusCode;
  return statusCode !== undefined && codes.includes(statusCode);
}

/** Docker's own words: dockerode puts the daemon's JSON body in `json.message`. */
function dockerMessage(error: unknown): string {
  const body = (error as { json?: { message?: string } } | null)?.json;
  if (body?.message) return body.message;
  return error instanceof Error ? error.message : String(error);
}

function discard(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}
