import { join } from 'node:path';
import { parseQuantity, type Container, type Pod } from '#api';
import { ImagePullError, RuntimeLabels, type ContainerConfig } from '#runtime';
import { apiEnvSources } from '../env/api-env-sources.js';
import { containerEnvironment } from '../env/container-environment.js';
import { ContainerConfigError } from '../env/container-config-error.js';
import { resolveEnv } from '../env/resolve-env.js';
import { AgentLabels } from '../status/agent-labels.js';
import { Waiting, type WaitingReason } from '../status/waiting-reason.js';
import { containerMounts } from '../volumes/container-mounts.js';
import { KubeletReasons } from './kubelet-reasons.js';
import type { PodSyncContext } from './pod-sync-context.js';
import { pullPolicyOf } from './pull-policy.js';
import type { SyncSteps } from './sync-steps.js';

export interface ContainerStartRequest {
  pod: Pod;
  sandboxId: string;
  podIP?: string;
  spec: Container;
  isInit: boolean;
  restartCount: number;
  volumePaths: Map<string, string>;
  steps: SyncSteps;
}

/** Why no container was created, or the one created (started, or exited when its start failed). */
export type ContainerStartResult = { waiting: WaitingReason } | { created: string };

/**
 * The kubelet's startContainer: pull (with ImagePullBackOff), resolve env and mounts
 * (CreateContainerConfigError), create, start, with the kubelet's events. Resolves with
 * the waiting reason when no container could be created, else with the container; a start
 * the runtime refuses (missing executable) leaves an exited instance whose terminated state
 * tells why, and the restart policy takes it from there.
 */
export async function startContainer(
  ctx: PodSyncContext,
  request: ContainerStartRequest,
): Promise<ContainerStartResult> {
  const { pod, spec, steps } = request;
  const image = spec.image ?? '';
  const imageKey = `${pod.metadata.uid}/${spec.name}/${image}`;
  if (ctx.imageBackoff.isInBackoff(imageKey)) {
    const message = `Back-off pulling image "${image}"`;
    ctx.events.event(pod, 'Normal', KubeletReasons.backOff, message);
    return { waiting: { reason: Waiting.imagePullBackOff, message } };
  }
  const policy = pullPolicyOf(spec);
  try {
    const pulling = Date.now();
    if (policy === 'Always') ctx.events.event(pod, 'Normal', KubeletReasons.pulling, `Pulling image "${image}"`);
    await steps.time('image', () => ctx.runtime.ensureImage(image, policy));
    const message =
      policy === 'Always'
        ? `Successfully pulled image "${image}" in ${((Date.now() - pulling) / 1000).toFixed(3)}s`
        : `Container image "${image}" already present on machine`;
    ctx.events.event(pod, 'Normal', KubeletReasons.pulled, message);
    ctx.imageBackoff.reset(imageKey);
  } catch (error) {
    if (!(error instanceof ImagePullError)) throw error;
    ctx.imageBackoff.next(imageKey, Date.now());
    ctx.events.event(pod, 'Warning', KubeletReasons.failed, `Failed to pull image "${image}": ${error.message}`);
    ctx.events.event(pod, 'Warning', KubeletReasons.failed, `Error: ${error.reason}`);
    return { waiting: { reason: error.reason, message: error.message } };
  }

  let config: ContainerConfig;
  try {
    config = await steps.time('config', () => containerConfig(ctx, request));
  } catch (error) {
    if (!(error instanceof ContainerConfigError)) throw error;
    ctx.events.event(pod, 'Warning', KubeletReasons.failed, `Error: ${error.message}`);
    return { waiting: { reason: Waiting.createContainerConfigError, message: error.message } };
  }
  const id = await steps.time('create', () => ctx.runtime.createContainer(request.sandboxId, config));
  ctx.events.event(pod, 'Normal', KubeletReasons.created, `Created container: ${spec.name}`);
  try {
    await steps.time('start', () => ctx.runtime.startContainer(id));
  } catch (error) {
    const message = (error as Error).message;
    ctx.events.event(pod, 'Warning', KubeletReasons.failed, `Error: ${message}`);
    // The exited instance carries the runtime's reason; status shows it as terminated.
    return { created: id };
  }
  ctx.events.event(pod, 'Normal', KubeletReasons.started, `Started container ${spec.name}`);
  return { created: id };
}

async function containerConfig(ctx: PodSyncContext, request: ContainerStartRequest): Promise<ContainerConfig> {
  const { pod, spec } = request;
  const sources = apiEnvSources(ctx.client, {
    podIP: request.podIP,
    hostIP: ctx.hostIP,
    nodeAllocatable: ctx.nodeAllocatable,
    serviceEnv: ctx.serviceEnv(pod),
  });
  const env = await resolveEnv(pod, spec, sources);
  const { env: envList, command, args } = containerEnvironment(spec, env);
  const limits = spec.resources?.limits ?? {};
  const requests = spec.resources?.requests ?? {};
  const uid = pod.metadata.uid!;
  return {
    name: spec.name,
    image: spec.image ?? '',
    command,
    args,
    env: envList,
    workingDir: spec.workingDir,
    mounts: containerMounts(pod, spec, request.volumePaths),
    labels: {
      [RuntimeLabels.podUid]: uid,
      [RuntimeLabels.podName]: pod.metadata.name!,
      [RuntimeLabels.podNamespace]: pod.metadata.namespace ?? 'default',
      [RuntimeLabels.containerName]: spec.name,
      [AgentLabels.restartCount]: String(request.restartCount),
      [AgentLabels.containerType]: request.isInit ? 'init' : 'regular',
    },
    resources: {
      ...(limits['cpu'] !== undefined ? { cpuMillis: parseQuantity(limits['cpu']).milliValue() } : {}),
      ...(requests['cpu'] !== undefined ? { cpuRequestMillis: parseQuantity(requests['cpu']).milliValue() } : {}),
      ...(limits['memory'] !== undefined ? { memoryBytes: parseQuantity(limits['memory']).value() } : {}),
    },
    tty: spec.tty,
    stdin: spec.stdin,
    logPath: join(ctx.rootDir, 'pods', uid, 'logs', spec.name, `${request.restartCount}.log`),
  };
}
