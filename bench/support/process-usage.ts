import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

/** CPU and memory a process has used so far, from /proc (Linux only). */
export interface ProcessUsage {
  /** utime + stime of the process itself (not of children it waited for). */
  cpuSeconds: number;
  /** cutime + cstime: children the process waited for (a shim's runc calls, say). */
  waitedChildrenCpuSeconds: number;
  /** VmHWM: the peak resident set size, MiB. */
  peakRssMiB: number;
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout?.trim()) || 100;

/** Undefined once the process is gone: read it before stopping the process. */
export function processUsage(pid: number): ProcessUsage | undefined {
  try {
    // Fields after the parenthesised command name, which may itself contain spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    const childTicks = Number(fields[13]) + Number(fields[14]); // cutime, cstime
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return {
      cpuSeconds: ticks / CLOCK_TICKS,
      waitedChildrenCpuSeconds: childTicks / CLOCK_TICKS,
      peakRssMiB: hwm ? Number(hwm[1]) / 1024 : Number.NaN,
    };
  } catch {
    return undefined;
  }
}

/** The 1-minute load average, and how busy all CPUs were between two samples. */
export interface MachineLoad {
  loadAverage1m: number;
  /** Percent of all CPUs' time that was not idle or iowait. */
  busyPercent: number;
  /** The same as CPU time, summed over all CPUs. */
  busyCpuSeconds: number;
}

/** Call once at the start of a phase; the returned function measures up to its own call. */
export function machineLoadSince(): () => MachineLoad {
  const before = cpuTimes();
  return () => {
    const after = cpuTimes();
    const total = after.total - before.total;
    return {
      loadAverage1m: Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]),
      busyPercent: total > 0 ? (100 * (total - (after.idle - before.idle))) / total : Number.NaN,
      busyCpuSeconds: (total - (after.idle - before.idle)) / CLOCK_TICKS,
    };
  };
}

function cpuTimes(): { total: number; idle: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const values = line.trim().split(/\s+/).slice(1, 9).map(Number);
  return { total: values.reduce((a, b) => a + b, 0), idle: values[3] + values[4] };
}

/** CPU milliseconds of `pid` and of the children it waited for; 0 once it is gone. */
export function cpuMsWithChildren(pid: number): number {
  const usage = processUsage(pid);
  return usage ? (usage.cpuSeconds + usage.waitedChildrenCpuSeconds) * 1000 : 0;
}

/**
 * Processes whose command name (at most 15 characters, as /proc/<pid>/comm keeps it) is
 * `name`, and whose command line contains `argument` when given.
 */
export function pidsNamed(name: string, argument?: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== name) continue;
      if (argument && !readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(argument)) continue;
      pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}
