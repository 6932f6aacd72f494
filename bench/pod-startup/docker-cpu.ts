import { readFileSync } from 'node:fs';
import { cpuMsWithChildren, pidsNamed } from '../support/process-usage.js';

/** Docker's processes in cgroup v1 (cgroupfs driver): containers are charged to this group. */
const CONTAINERS_CPUACCT = '/sys/fs/cgroup/cpuacct/docker/cpuacct.usage';
const SHIM = 'containerd-shim';

/** CPU milliseconds Docker spent, by where it was spent. */
export interface DockerCpu {
  /** dockerd and containerd, with the children they waited for. */
  daemonsMs: number;
  /** containerd-shim-runc-v2 per container, with the runc calls it waited for. */
  shimsMs: number;
  /** Inside the containers (runc init and the containers' own start-up); NaN without cgroup v1 accounting. */
  containersMs: number;
  totalMs: number;
}

/**
 * Call at the start of a phase; the returned function tells how much CPU Docker used since,
 * read from /proc and the containers' cpuacct group, so the figure holds however busy the
 * rest of the shared machine was. Shims that exited during the phase are not counted (the
 * phases measured remove nothing until they are read).
 */
export function dockerCpuSince(): () => DockerCpu {
  const daemons = daemonsMs();
  const shims = shimsMs();
  const containers = containersMs();
  return () => {
    const nowShims = shimsMs();
    let shimsDelta = 0;
    for (const [pid, ms] of nowShims) shimsDelta += ms - (shims.get(pid) ?? 0);
    const result = {
      daemonsMs: daemonsMs() - daemons,
      shimsMs: shimsDelta,
      containersMs: containersMs() - containers,
    };
    return { ...result, totalMs: result.daemonsMs + result.shimsMs + (result.containersMs || 0) };
  };
}

function daemonsMs(): number {
  return ['dockerd', 'containerd']
    .flatMap((name) => pidsNamed(name))
    .reduce((sum, pid) => sum + cpuMsWithChildren(pid), 0);
}

function shimsMs(): Map<number, number> {
  return new Map(pidsNamed(SHIM).map((pid) => [pid, cpuMsWithChildren(pid)]));
}

function containersMs(): number {
  try {
    return Number(readFileSync(CONTAINERS_CPUACCT, 'utf8')) / 1e6;
  } catch {
    return NaN;
  }
}
