import type { ContainerStatus as RuntimeContainer } from '#runtime';
import { RuntimeLabels } from '#runtime';
import { AgentLabels } from './agent-labels.js';

/** The newest and the one before of each container name, as the runtime has them. */
export interface ContainerInstances {
  current?: RuntimeContainer;
  previous?: RuntimeContainer;
  /** Older dead instances, kept by nobody: the sync removes them. */
  stale: RuntimeContainer[];
}

export function groupInstances(containers: RuntimeContainer[]): Map<string, ContainerInstances> {
  const byName = new Map<string, RuntimeContainer[]>();
  for (const container of containers) {
    const name = container.labels[RuntimeLabels.containerName] ?? container.name;
    byName.set(name, [...(byName.get(name) ?? []), container]);
  }
  const grouped = new Map<string, ContainerInstances>();
  for (const [name, list] of byName) {
    // Newest first: by restart count, then creation (counts survive clock changes).
    list.sort((a, b) => restartCountOf(b) - restartCountOf(a) || b.createdAt.getTime() - a.createdAt.getTime());
    grouped.set(name, { current: list[0], previous: list[1], stale: list.slice(2) });
  }
  return grouped;
}

export function restartCountOf(container: RuntimeContainer | undefined): number {
  const value = Number(container?.labels[AgentLabels.restartCount] ?? 0);
  return Number.isFinite(value) ? value : 0;
}
