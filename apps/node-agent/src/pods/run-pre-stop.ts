import type { Container } from '#api';
import type { ContainerRuntime } from '#runtime';
import { runProbe } from '../probes/run-probe.js';

/**
 * Runs a container's preStop hook (exec or httpGet) within `budgetMs`; resolves with an
 * error message when it failed, as the FailedPreStopHook event reports. A hook is a probe
 * with a longer timeout, so it reuses the probe's handlers.
 */
export async function runPreStop(
  runtime: ContainerRuntime,
  sandboxId: string,
  containerId: string,
  spec: Container,
  budgetMs: number,
): Promise<string | undefined> {
  const hook = spec.lifecycle?.preStop;
  if (!hook) return undefined;
  if (hook.sleep) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(hook.sleep!.seconds * 1000, budgetMs)));
    return undefined;
  }
  const timeoutSeconds = Math.max(1, Math.floor(budgetMs / 1000));
  const result = await runProbe(runtime, sandboxId, containerId, spec, { ...hook, timeoutSeconds });
  return result.outcome === 'failure' ? (result.message ?? 'preStop hook failed') : undefined;
}
