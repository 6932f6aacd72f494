import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ROOT } from './docs-section.js';
import { processUsage, type ProcessUsage } from './process-usage.js';

/** One kubenest component process (scheduler, controller-manager) started from dist/ by a benchmark. */
export interface Component {
  pid: number;
  logPath: string;
  /** Usage so far; the last reading is kept, so it still answers after stop(). */
  usage(): ProcessUsage | undefined;
  stop(): Promise<void>;
}

export interface ComponentOptions {
  /** e.g. 'scheduler' for dist/apps/scheduler/src/main.js */
  app: string;
  /** Written here as <label>.log; also where --cpu-prof puts its profile. */
  dir: string;
  label: string;
  env: Record<string, string>;
  /** Run under `node --cpu-prof`, the profile written to `dir` when the process exits. */
  cpuProfile?: boolean;
}

export function startComponent(options: ComponentOptions): Component {
  const logPath = join(options.dir, `${options.label}.log`);
  const log = createWriteStream(logPath);
  const profiling = options.cpuProfile
    ? ['--cpu-prof', '--cpu-prof-dir', options.dir, '--cpu-prof-name', `${options.label}.cpuprofile`]
    : [];
  const child: ChildProcess = spawn(
    process.execPath,
    [...profiling, join(ROOT, 'dist', 'apps', options.app, 'src', 'main.js')],
    {
      cwd: ROOT,
      // Our own KUBENEST_* settings must not leak into the component; only what we pass.
      env: {
        ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('KUBENEST_'))),
        KUBENEST_LOG_LEVEL: 'warn',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = once(child, 'exit');
  let last: ProcessUsage | undefined;
  const usage = () => (last = processUsage(child.pid!) ?? last);
  return {
    pid: child.pid!,
    logPath,
    usage,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      usage();
      child.kill('SIGTERM');
      const timedOut = await Promise.race([exited.then(() => false), sleep(20_000).then(() => true)]);
      if (timedOut) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

/** The last lines of a component's log, for a report when it failed. */
export function logTail(path: string, lines = 5): string {
  try {
    return readFileSync(path, 'utf8').trim().split('\n').slice(-lines).join(' | ');
  } catch {
    return '(no log)';
  }
}
