import { join } from 'node:path';
import pLimit, { type LimitFunction } from 'p-limit';
import { ApiError, type Container, type Pod } from '#api';
import { RuntimeLabels, type ContainerStatus as RuntimeContainer, type SandboxStatus } from '#runtime';
import { apiEnvSources } from '../env/api-env-sources.js';
import { computePodStatus } from '../status/compute-pod-status.js';
import { groupInstances, restartCountOf, type ContainerInstances } from '../status/container-instances.js';
import { Waiting, type WaitingReason } from '../status/waiting-reason.js';
import { writePodStatus } from '../status/write-pod-status.js';
import { prepareVolumes } from '../volumes/prepare-volumes.js';
import { VolumeError } from '../volumes/volume-error.js';
import { startContainer } from './container-start.js';
import { goDuration } from './go-duration.js';
import { killPod } from './kill-pod.js';
import { KubeletReasons } from './kubelet-reasons.js';
import type { PodSyncContext } from './pod-sync-context.js';
import { Resources } from './resources.js';
import { shouldRestart } from './should-restart.js';
import { SyncSteps } from './sync-steps.js';

/** What one sync saw and decided, shared by its steps. */
interface SyncState {
  pod: Pod;
  sandbox: SandboxStatus;
  instances: Map<string, ContainerInstances>;
  waiting: Map<string, WaitingReason>;
  volumePaths: Map<string, string>;
  steps: SyncSteps;
  /** The sync created a sandbox or started a container: worth a timing log line. */
  started: boolean;
  /** Containers this sync created, for the status (their runtime IDs). */
  created: string[];
}

/**
 * The kubelet's syncPod for one pod uid, level-triggered: it reads the pod from the
 * informer and the pod's sandboxes and containers from the runtime, moves them one step
 * toward the spec, and writes the status computed from what the runtime then has. Gone
 * pods are killed and removed; deleted pods are stopped gracefully and then released to
 * the apiserver with a grace-0 DELETE.
 */
export class PodSyncer {
  private readonly lastWritten = new Map<string, string>();
  /** Containers stopped for a failed liveness probe: restarted even under OnFailure after exit 0. */
  private readonly livenessKilled = new Set<string>();

  /** Syncs that start a pod (make its sandbox and first containers), at most podStartsAtOnce at a time. */
  private readonly podStarts: LimitFunction;

  constructor(private readonly ctx: PodSyncContext) {
    this.podStarts = pLimit(ctx.podStartsAtOnce ?? Number.POSITIVE_INFINITY);
  }

  sync(uid: string): Promise<void> {
    return this.syncWith(uid, new SyncSteps(), false);
  }

  private async syncWith(uid: string, steps: SyncSteps, holdsStartSlot: boolean): Promise<void> {
    const { runtime } = this.ctx;
    const pod = this.ctx.podByUid(uid);
    // At once: the Docker runtime answers both from one list, shared with other pods' syncs.
    const [sandboxes, containers] = await steps.time('list', async () => {
      const [all, ofPod] = await Promise.all([
        runtime.listSandboxes(),
        runtime.listContainers({ labels: { [RuntimeLabels.podUid]: uid } }),
      ]);
      return [all.filter((s) => s.podUid === uid), ofPod] as const;
    });
    if (!pod) {
      if (sandboxes.length + containers.length === 0) return this.forget(uid);
      this.ctx.logger.info({ podUid: uid }, 'removing the containers of a pod that no longer exists');
      this.ctx.probes.stopPod(uid);
      await killPod(this.ctx, undefined, sandboxes, containers, 2, true);
      return this.forget(uid);
    }
    if (pod.metadata.deletionTimestamp) return this.terminate(pod, sandboxes, containers);
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') {
      this.ctx.probes.stopPod(uid);
      if (containers.some((c) => c.state === 'running') || sandboxes.some((s) => s.state === 'ready')) {
        await killPod(this.ctx, pod, sandboxes, containers, gracePeriodOf(pod), false);
      }
      return this.writeStatus(pod, new Map(), sandboxes[0]);
    }
    if (!holdsStartSlot && !sandboxes.some((s) => s.state === 'ready')) {
      // Docker shares the machine's cores among all starts: a few at a time reach Running
      // early instead of all at the end. Once the slot is free, the sync begins anew (the pod
      // may have changed meanwhile).
      const queued = performance.now();
      return this.podStarts(() => {
        steps.add('queued', performance.now() - queued);
        return this.syncWith(uid, steps, true);
      });
    }
    await this.syncRunning(pod, sandboxes, containers, steps);
  }

  private async syncRunning(
    pod: Pod,
    sandboxes: SandboxStatus[],
    containers: RuntimeContainer[],
    steps: SyncSteps,
  ): Promise<void> {
    const hadSandbox = sandboxes.some((s) => s.state === 'ready');
    const sandbox = await steps.time('sandbox', () => this.ensureSandbox(pod, sandboxes, containers));
    const waiting = new Map<string, WaitingReason>();
    let volumePaths: Map<string, string>;
    try {
      const sources = apiEnvSources(this.ctx.client, {
        hostIP: this.ctx.hostIP,
        nodeAllocatable: this.ctx.nodeAllocatable,
      });
      volumePaths = await steps.time('volumes', () => prepareVolumes(pod, this.podDir(pod), sources));
    } catch (error) {
      if (!(error instanceof VolumeError)) throw error;
      this.ctx.events.event(pod, 'Warning', KubeletReasons.failedMount, error.message);
      return this.writeStatus(pod, waiting, sandbox);
    }
    // The pod's containers were listed at the start of this sync (a sandbox made just now has none):
    // a sync of a running pod, every resync period for every pod, asks the runtime once.
    const instances = groupInstances(containers.filter((c) => c.sandboxId === sandbox.id));
    for (const { stale } of instances.values()) {
      for (const old of stale) await this.ctx.runtime.removeContainer(old.id);
    }
    const state: SyncState = {
      pod,
      sandbox,
      instances,
      waiting,
      volumePaths,
      steps,
      started: !hadSandbox,
      created: [],
    };
    await this.killUnhealthy(state);
    if (await this.syncInitContainers(state)) await this.syncContainers(state);

    // What was listed (as killUnhealthy left it) plus what this sync created, asked for by ID: no second list.
    const after = state.created.length ? await this.withCreated(state) : instances;
    const running = [...after.values()].flatMap((i) => (i.current?.state === 'running' ? [i.current] : []));
    const specs = new Map<string, Container>(pod.spec!.containers.map((c) => [c.name, c]));
    this.ctx.probes.sync(pod, sandbox.id, running, specs);
    await steps.time('status', () => this.writeStatus(pod, waiting, sandbox, after));
    if (state.started) {
      const { namespace, name, uid } = pod.metadata;
      this.ctx.logger.info({ pod: `${namespace}/${name}`, podUid: uid, ...steps.summary() }, 'pod sync timings');
    }
  }

  /** The newest ready sandbox, or a new one when there is none (the old ones are removed). */
  private async ensureSandbox(
    pod: Pod,
    sandboxes: SandboxStatus[],
    containers: RuntimeContainer[],
  ): Promise<SandboxStatus> {
    const ready = sandboxes
      .filter((s) => s.state === 'ready')
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    const [keep, ...extra] = ready;
    const dead = [...extra, ...sandboxes.filter((s) => s.state !== 'ready')];
    if (dead.length > 0) {
      const deadIds = new Set(dead.map((s) => s.id));
      const orphans = containers.filter((c) => deadIds.has(c.sandboxId));
      await killPod(this.ctx, pod, dead, orphans, 0, true);
    }
    if (keep) return keep;
    const hostPorts = [...(pod.spec!.initContainers ?? []), ...pod.spec!.containers].flatMap((c) =>
      (c.ports ?? []).filter((p) => p.hostPort),
    );
    return this.ctx.runtime.runSandbox({
      podUid: pod.metadata.uid!,
      namespace: pod.metadata.namespace ?? 'default',
      name: pod.metadata.name!,
      hostname: pod.spec!.hostname ?? pod.metadata.name!,
      labels: {},
      dns: this.ctx.podDns(pod),
      hostNetwork: pod.spec!.hostNetwork,
      portMappings: hostPorts.map((p) => ({
        containerPort: p.containerPort,
        hostPort: p.hostPort!,
        protocol: (p.protocol ?? 'TCP') as 'TCP',
        ...(p.hostIP ? { hostIP: p.hostIP } : {}),
      })),
    });
  }

  private async withCreated({ instances, created, steps }: SyncState): Promise<Map<string, ContainerInstances>> {
    const known = [...instances.values()].flatMap(({ current, previous }) => [current, previous]);
    const fresh = await steps.time('inspect', () =>
      Promise.all(created.map((id) => this.ctx.runtime.containerStatus(id))),
    );
    return groupInstances([...known, ...fresh].filter((c) => c !== undefined));
  }

  /** Stops containers whose liveness probe failed; the restart step brings them back. */
  private async killUnhealthy({ pod, instances }: SyncState): Promise<void> {
    for (const [name, { current }] of instances) {
      if (current?.state !== 'running') continue;
      const failure = this.ctx.probes.livenessFailure(current.id);
      if (!failure) continue;
      this.ctx.events.event(
        pod,
        'Normal',
        KubeletReasons.killing,
        `Container ${name} failed liveness probe, will be restarted`,
      );
      this.livenessKilled.add(current.id);
      await this.ctx.runtime.stopContainer(current.id, gracePeriodOf(pod));
      const stopped = await this.ctx.runtime.containerStatus(current.id);
      if (stopped) instances.set(name, { ...instances.get(name)!, current: stopped });
    }
  }

  /** Runs init containers one at a time, in order; true once all have succeeded. */
  private async syncInitContainers(state: SyncState): Promise<boolean> {
    for (const spec of state.pod.spec!.initContainers ?? []) {
      const current = state.instances.get(spec.name)?.current;
      if (current?.state === 'exited' && current.exitCode === 0) continue;
      if (current?.state === 'running') return false;
      await this.startOrRestart(state, spec, true, current);
      return false;
    }
    return true;
  }

  private async syncContainers(state: SyncState): Promise<void> {
    for (const spec of state.pod.spec!.containers) {
      const current = state.instances.get(spec.name)?.current;
      if (current?.state === 'running') continue;
      await this.startOrRestart(state, spec, false, current);
    }
  }

  /** Starts a container for the first time, or again after an exit as the restart policy and back-off allow. */
  private async startOrRestart(
    state: SyncState,
    spec: Container,
    isInit: boolean,
    current: RuntimeContainer | undefined,
  ): Promise<void> {
    const { pod } = state;
    if (current) {
      const policy = isInit && pod.spec!.restartPolicy === 'Always' ? 'OnFailure' : pod.spec!.restartPolicy;
      if (!shouldRestart(policy, current.exitCode, this.livenessKilled.has(current.id))) return;
      const key = `${pod.metadata.uid}/${spec.name}`;
      const finishedAt = (current.finishedAt ?? current.createdAt).getTime();
      if (this.ctx.crashBackoff.isInBackoffSince(key, finishedAt)) {
        const delay = goDuration(this.ctx.crashBackoff.delayMs(key));
        const podRef = `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
        state.waiting.set(spec.name, {
          reason: Waiting.crashLoopBackOff,
          message: `back-off ${delay} restarting failed container=${spec.name} pod=${podRef}`,
        });
        this.ctx.events.event(
          pod,
          'Warning',
          KubeletReasons.backOff,
          `Back-off restarting failed container ${spec.name} in pod ${podRef}`,
        );
        return;
      }
      this.ctx.crashBackoff.next(key, finishedAt);
    }
    const result = await startContainer(this.ctx, {
      pod,
      sandboxId: state.sandbox.id,
      podIP: state.sandbox.ip,
      spec,
      isInit,
      restartCount: current ? restartCountOf(current) + 1 : 0,
      volumePaths: state.volumePaths,
      steps: state.steps,
    });
    state.started = true;
    if ('waiting' in result) state.waiting.set(spec.name, result.waiting);
    else state.created.push(result.created);
  }

  /** Graceful deletion: stop everything within the grace period, remove it, then let the apiserver drop the pod. */
  private async terminate(pod: Pod, sandboxes: SandboxStatus[], containers: RuntimeContainer[]): Promise<void> {
    const uid = pod.metadata.uid!;
    this.ctx.probes.stopPod(uid);
    await killPod(this.ctx, pod, sandboxes, containers, gracePeriodOf(pod), true);
    try {
      await this.ctx.client.delete(Resources.pods, pod.metadata.namespace, pod.metadata.name!, {
        gracePeriodSeconds: 0,
        preconditions: { uid },
      });
    } catch (error) {
      if (!(error instanceof ApiError) || (error.reason !== 'NotFound' && error.reason !== 'Conflict')) throw error;
    }
    this.forget(uid);
  }

  private async writeStatus(
    pod: Pod,
    waiting: Map<string, WaitingReason>,
    sandbox: SandboxStatus | undefined,
    instances?: Map<string, ContainerInstances>,
  ): Promise<void> {
    const all =
      instances ??
      groupInstances(await this.ctx.runtime.listContainers({ labels: { [RuntimeLabels.podUid]: pod.metadata.uid! } }));
    const status = computePodStatus({
      pod,
      sandbox,
      instances: all,
      waiting,
      ready: (id) => this.ctx.probes.ready(id),
      started: (id) => this.ctx.probes.started(id),
      hostIP: this.ctx.hostIP,
      runtimeName: this.ctx.runtime.name,
      now: new Date(),
    });
    await writePodStatus(this.ctx.client, pod, status, this.lastWritten);
  }

  private podDir(pod: Pod): string {
    return join(this.ctx.rootDir, 'pods', pod.metadata.uid!);
  }

  private forget(uid: string): void {
    this.lastWritten.delete(uid);
    this.ctx.crashBackoff.forgetExcept((key) => !key.startsWith(`${uid}/`));
    this.ctx.imageBackoff.forgetExcept((key) => !key.startsWith(`${uid}/`));
  }
}

/** deletionGracePeriodSeconds once deleted, else terminationGracePeriodSeconds (30). */
function gracePeriodOf(pod: Pod): number {
  return pod.metadata.deletionGracePeriodSeconds ?? pod.spec!.terminationGracePeriodSeconds ?? 30;
}
