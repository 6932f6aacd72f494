import { readFileSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { nodeMemory, type NodeMemory } from './meminfo.js';
import { defaultInterface, parseNetDev, type InterfaceStats } from './net-dev.js';
import { nodeCpuNanoSeconds } from './proc-stat.js';

export interface NodeReading {
  usageCoreNanoSeconds: number;
  memory: NodeMemory;
  interfaces: InterfaceStats[];
  primary?: InterfaceStats;
  fs: { capacityBytes: number; availableBytes: number; usedBytes: number; inodes: number; inodesFree: number };
}

/** Reads the host's counters: /proc/stat, /proc/meminfo, /proc/net/dev, and statfs of the agent's data dir. */
export function readNode(fsPath: string, procRoot = '/proc'): NodeReading {
  const read = (file: string) => readFileSync(join(procRoot, file), 'utf8');
  const interfaces = parseNetDev(read('net/dev'));
  const fs = statfsSync(fsPath);
  return {
    usageCoreNanoSeconds: nodeCpuNanoSeconds(read('stat')),
    memory: nodeMemory(read('meminfo')),
    interfaces,
    primary: defaultInterface(interfaces),
    fs: {
      capacityBytes: fs.blocks * fs.bsize,
      availableBytes: fs.bavail * fs.bsize,
      usedBytes: (fs.blocks - fs.bfree) * fs.bsize,
      inodes: fs.files,
      inodesFree: fs.ffree,
    },
  };
}
