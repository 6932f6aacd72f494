import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { DockerRuntime } from '#runtime';
import { machineLoadSince, type MachineLoad } from '../support/process-usage.js';
import { LatencyRecorder } from '../support/stats.js';
import { dockerCpuSince, type DockerCpu } from './docker-cpu.js';

const run = promisify(execFile);
/** The node agent's pod network (libs/runtime DockerRuntime's default): a user-defined bridge. */
const POD_NETWORK = { name: 'kubenest0', subnet: '10.88.0.0/16' };
const LABEL_KEY = 'bench.kubenest.io/docker-floor';

export interface FloorResult {
  latency: LatencyRecorder;
  allMs: number;
  load: MachineLoad;
  dockerCpu: DockerCpu;
}

/** One way of starting a pod's worth of containers (a sandbox plus the app in its netns). */
export interface FloorVariant {
  name: string;
  /** How many pods are started at a time; the rest wait their turn. */
  concurrency?: number;
  /** `labels`: the run's one label, to find and remove everything afterwards. */
  startPod(images: { pause: string; app: string }, labels: Record<string, string>): Promise<void>;
}

/**
 * What Docker alone needs for the same work, without kubenest: `count` pods' worth of
 * containers, requested at once, started by `variant`. Latency per pod from the common start
 * (when all were asked for) to its app container's start returning. Docker's CPU is read
 * before anything is removed; every container is removed afterwards.
 */
export async function dockerFloor(
  variant: FloorVariant,
  images: { pause: string; app: string },
  count: number,
): Promise<FloorResult> {
  const labels = { [LABEL_KEY]: String(process.pid) };
  const latency = new LatencyRecorder();
  await ensurePodNetwork();
  const load = machineLoadSince();
  const cpu = dockerCpuSince();
  const began = performance.now();
  try {
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(count, variant.concurrency ?? count) }, async () => {
        while (next < count) {
          next++;
          try {
            await variant.startPod(images, labels);
            latency.record(performance.now() - began);
          } catch (error) {
            latency.fail(error);
          }
        }
      }),
    );
    return { latency, allMs: performance.now() - began, load: load(), dockerCpu: cpu() };
  } finally {
    await removeLabelled(labels);
  }
}

/** The docker CLI, `docker run -d` twice per pod, the sandbox on the user-defined bridge. */
export const cliOnBridge: FloorVariant = {
  name: '`docker run -d` (CLI), sandbox on the kubenest0 bridge',
  async startPod({ pause, app }, labels) {
    const label = cliLabel(labels);
    const sandbox = (
      await run('docker', ['run', '-d', '--label', label, '--network', POD_NETWORK.name, pause])
    ).stdout.trim();
    await run('docker', ['run', '-d', '--label', label, '--network', `container:${sandbox}`, app]);
  },
};

/** The Engine API, as the node agent calls it: create and start, the sandbox without a network. */
export function engineApiNoNetwork(concurrency?: number): FloorVariant {
  const docker = new Docker();
  return {
    name: `Engine API, sandbox with NetworkMode none${concurrency ? `, ${concurrency} pods at a time` : ''}`,
    concurrency,
    async startPod({ pause, app }, labels) {
      const sandbox = await docker.createContainer({
        Image: pause,
        Labels: labels,
        HostConfig: { NetworkMode: 'none', IpcMode: 'shareable' },
      });
      await sandbox.start();
      const container = await docker.createContainer({
        Image: app,
        Labels: labels,
        HostConfig: { NetworkMode: `container:${sandbox.id}`, IpcMode: `container:${sandbox.id}` },
      });
      await container.start();
    },
  };
}

/**
 * kubenest's Docker runtime on its own (libs/runtime, no control plane, no node agent): the
 * sandbox as the node agent makes it (wired to the bridge with a veth as root), then the app.
 */
export function runtimeAlone(): FloorVariant {
  let runtime: DockerRuntime | undefined;
  return {
    name: 'libs/runtime DockerRuntime alone (sandbox wired with a veth as root)',
    async startPod({ app }, labels) {
      runtime ??= new DockerRuntime({ scopeLabels: labels });
      const uid = `floor-${Math.random().toString(36).slice(2, 10)}`;
      const sandbox = await runtime.runSandbox({
        podUid: uid,
        namespace: 'bench',
        name: uid,
        hostname: uid,
        labels: {},
      });
      const id = await runtime.createContainer(sandbox.id, {
        name: 'app',
        image: app,
        env: [],
        mounts: [],
        labels: {},
      });
      await runtime.startContainer(id);
    },
  };
}

/** The runtime's sandboxes through the runtime (which gives their addresses back), the rest with `docker rm -f`. */
async function removeLabelled(labels: Record<string, string>): Promise<void> {
  const runtime = new DockerRuntime({ scopeLabels: labels });
  for (const sandbox of await runtime.listSandboxes()) await runtime.removeSandbox(sandbox.id);
  const ids = (await run('docker', ['ps', '-aq', '--filter', `label=${cliLabel(labels)}`])).stdout
    .split('\n')
    .filter(Boolean);
  if (ids.length) await run('docker', ['rm', '-f', ...ids]);
}

/** Made as the node agent would make it, when no cluster has made it yet. */
async function ensurePodNetwork(): Promise<void> {
  const { stdout } = await run('docker', ['network', 'ls', '-q', '--filter', `name=^${POD_NETWORK.name}$`]);
  if (stdout.trim()) return;
  await run('docker', [
    'network',
    'create',
    '--driver',
    'bridge',
    '--subnet',
    POD_NETWORK.subnet,
    POD_NETWORK.name,
  ]).catch(async (error: unknown) => {
    // Another cluster created it meanwhile.
    if (!(await run('docker', ['network', 'inspect', POD_NETWORK.name]).catch(() => undefined))) throw error;
  });
}

/** The run's one label as the docker CLI takes it: key=value. */
function cliLabel(labels: Record<string, string>): string {
  const [[key, value]] = Object.entries(labels);
  return `${key}=${value}`;
}
