import { readdirSync, readFileSync, statfsSync } from 'node:fs';
import os from 'node:os';
import type { HostPressure } from './node-conditions.js';

/** The kubelet's default hard eviction thresholds: memory.available<100Mi, nodefs.available<10%; pids under 10% free. */
export function measurePressure(stateDir: string): HostPressure {
  const fs = statfsSync(stateDir);
  const pidMax = Number(readOr('/proc/sys/kernel/pid_max', '4194304'));
  const pids = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).length;
  return {
    memory: availableMemoryBytes() < 100 * 1024 * 1024,
    disk: fs.bavail / fs.blocks < 0.1,
    pid: pids > pidMax * 0.9,
  };
}

function availableMemoryBytes(): number {
  const kib = /MemAvailable:\s+(\d+)/.exec(readOr('/proc/meminfo', ''))?.[1];
  return kib ? Number(kib) * 1024 : os.freemem();
}

function readOr(path: string, fallback: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return fallback;
  }
}
