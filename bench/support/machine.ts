import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';

/** What a reader needs to compare figures across runs: the machine and the peers' versions. */
export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  redis: string;
  kubectl: string;
  date: string;
}

export function describeMachine(): MachineInfo {
  return {
    cpus: availableParallelism(),
    cpuModel: cpuModel(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    redis: run('redis-server', ['--version']).match(/v=(\S+)/)?.[1] ?? 'not found',
    kubectl: kubectlVersion(),
    date: new Date().toISOString(),
  };
}

function cpuModel(): string {
  try {
    return (
      readFileSync('/proc/cpuinfo', 'utf8')
        .match(/^model name\s*:\s*(.+)$/m)?.[1]
        .trim() ?? 'unknown'
    );
  } catch {
    return 'unknown';
  }
}

function kubectlVersion(): string {
  try {
    const parsed = JSON.parse(run('kubectl', ['version', '--client', '-o', 'json'])) as {
      clientVersion?: { gitVersion?: string };
    };
    return parsed.clientVersion?.gitVersion ?? 'unknown';
  } catch {
    return 'not found';
  }
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 10_000 });
  return result.status === 0 ? result.stdout : '';
}

export function machineLines(m: MachineInfo): string[] {
  return [
    `- CPU: ${m.cpus} × ${m.cpuModel} (\`nproc\` = ${m.cpus})`,
    `- Memory: ${m.memoryGiB} GiB`,
    `- Node ${m.node}, Redis ${m.redis}, kubectl ${m.kubectl}`,
    `- Date: ${m.date}`,
  ];
}
