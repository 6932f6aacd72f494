import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Container, Pod } from '#api';
import { RuntimeLabels, type ContainerStatus as RuntimeContainer, type SandboxStatus } from '#runtime';
import { KubeletReasons } from './kubelet-reasons.js';
import type { PodSyncContext } from './pod-sync-context.js';
import { runPreStop } from './run-pre-stop.js';

/**
 * Stops every running container of a pod in parallel, each given `graceSeconds` for its
 * preStop hook and SIGTERM before SIGKILL, then stops the sandboxes. With `remove`, also
 * removes sandboxes, containers and the pod's directory (deleted or orphaned pods); without
 * it the dead containers stay for `kubectl logs` (finished pods).
 */
export async function killPod(
  ctx: PodSyncContext,
  pod: Pod | undefined,
  sandboxes: SandboxStatus[],
  containers: RuntimeContainer[],
  graceSeconds: number,
  remove: boolean,
): Promise<void> {
  const deadline = Date.now() + graceSeconds * 1000;
  const specs = new Map<string, Container>(
    [...(pod?.spec?.initContainers ?? []), ...(pod?.spec?.containers ?? [])].map((c) => [c.name, c]),
  );
  await Promise.all(
    containers
      .filter((c) => c.state === 'running')
      .map(async (container) => {
        const name = container.labels[RuntimeLabels.containerName] ?? container.name;
        const spec = specs.get(name);
        if (pod) ctx.events.event(pod, 'Normal', KubeletReasons.killing, `Stopping container ${name}`);
        if (pod && spec) {
          const failure = await runPreStop(ctx.runtime, container.sandboxId, container.id, spec, deadline - Date.now());
          if (failure) {
            ctx.events.event(pod, 'Warning', KubeletReasons.failedPreStopHook, `PreStopHook failed: ${failure}`);
          }
        }
        const remaining = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
        await ctx.runtime.stopContainer(container.id, remaining);
      }),
  );
  for (const sandbox of sandboxes) {
    if (sandbox.state === 'ready') await ctx.runtime.stopSandbox(sandbox.id);
  }
  if (!remove) return;
  for (const sandbox of sandboxes) await ctx.runtime.removeSandbox(sandbox.id);
  // Removing a sandbox removes its containers (CRI RemovePodSandbox); these are the others'.
  const removed = new Set(sandboxes.map((s) => s.id));
  for (const container of containers.filter((c) => !removed.has(c.sandboxId)))
    await ctx.runtime.removeContainer(container.id).catch(() => undefined);
  const uid = pod?.metadata.uid ?? sandboxes[0]?.podUid ?? containers[0]?.labels[RuntimeLabels.podUid];
  if (uid) rmSync(join(ctx.rootDir, 'pods', uid), { recursive: true, force: true });
}
