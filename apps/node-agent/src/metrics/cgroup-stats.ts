import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What the kubelet reads from a container's cgroup: cumulative CPU and the memory working set. */
export interface CgroupUsage {
  usageCoreNanoSeconds: number;
  usageBytes: number;
  /** Usage minus inactive file cache, never below zero (cAdvisor's working set). */
  workingSetBytes: number;
}

type Layout = { version: 2; dir: string } | { version: 1; cpuDir: string; memoryDir: string };

/**
 * Reads Docker containers' cgroup files directly, as cAdvisor does: a file read costs
 * microseconds, where Docker's one-shot stats API waits about a second per container for a
 * second CPU reading. Knows cgroup v2 (unified) and v1, with Docker's cgroupfs driver
 * (`docker/<id>`) and its systemd driver (`system.slice/docker-<id>.scope`).
 */
export class CgroupStats {
  private readonly unified: boolean;

  constructor(private readonly root = '/sys/fs/cgroup') {
    this.unified = existsSync(join(root, 'cgroup.controllers'));
  }

  /** The container's usage, or undefined when no cgroup of it is found (not running, or an unknown layout). */
  read(containerId: string): CgroupUsage | undefined {
    const layout = this.locate(containerId);
    if (!layout) return undefined;
    try {
      return layout.version === 2 ? readV2(layout.dir) : readV1(layout.cpuDir, layout.memoryDir);
    } catch (error) {
      // The container stopped between locating and reading: its cgroup is gone.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  private locate(id: string): Layout | undefined {
    const leaves = [join('system.slice', `docker-${id}.scope`), join('docker', id)];
    if (this.unified) {
      const dir = leaves.map((leaf) => join(this.root, leaf)).find((d) => existsSync(join(d, 'cpu.stat')));
      return dir ? { version: 2, dir } : undefined;
    }
    const find = (controllers: string[], file: string) =>
      controllers.flatMap((c) => leaves.map((leaf) => join(this.root, c, leaf))).find((d) => existsSync(join(d, file)));
    const cpuDir = find(['cpuacct', 'cpu,cpuacct', 'cpuacct,cpu'], 'cpuacct.usage');
    const memoryDir = find(['memory'], 'memory.usage_in_bytes');
    return cpuDir && memoryDir ? { version: 1, cpuDir, memoryDir } : undefined;
  }
}

function readV2(dir: string): CgroupUsage {
  const usageMicros = statField(readFileSync(join(dir, 'cpu.stat'), 'utf8'), 'usage_usec');
  const usageBytes = Number(readFileSync(join(dir, 'memory.current'), 'utf8').trim());
  const inactive = statField(readFileSync(join(dir, 'memory.stat'), 'utf8'), 'inactive_file');
  return { usageCoreNanoSeconds: usageMicros * 1000, usageBytes, workingSetBytes: Math.max(0, usageBytes - inactive) };
}

function readV1(cpuDir: string, memoryDir: string): CgroupUsage {
  const usageNanos = Number(readFileSync(join(cpuDir, 'cpuacct.usage'), 'utf8').trim());
  const usageBytes = Number(readFileSync(join(memoryDir, 'memory.usage_in_bytes'), 'utf8').trim());
  const inactive = statField(readFileSync(join(memoryDir, 'memory.stat'), 'utf8'), 'total_inactive_file');
  return { usageCoreNanoSeconds: usageNanos, usageBytes, workingSetBytes: Math.max(0, usageBytes - inactive) };
}

/** A value from a flat-keyed cgroup stat file ("key value" lines); 0 when the key is absent. */
export function statField(text: string, key: string): number {
  const match = new RegExp(`^${key} (\\d+)$`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}
