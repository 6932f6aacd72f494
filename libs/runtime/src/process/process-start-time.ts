import { readFileSync } from 'node:fs';

/**
 * A process's start time in clock ticks since boot (/proc/<pid>/stat field 22), or undefined
 * when it is gone. A pid plus this value names one process: pids are reused, start times not.
 */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: count from the last ")".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[0] === 'Z') return undefined; // a zombie has finished running
    return fields[19];
  } catch {
    return undefined;
  }
}
