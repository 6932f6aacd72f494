import type { ChildProcess } from 'node:child_process';

/** How the supervisor learns that a component is ready to serve. */
export interface ReadinessProbe {
  /** For messages: "PING on /data/redis/redis.sock", "GET https://127.0.0.1:6443/readyz". */
  description: string;
  /** True when ready; false or a rejection means "not yet". */
  check(): Promise<boolean>;
}

/**
 * One process `kubenest up` runs. Components start in list order, each after the previous
 * one is ready, and stop in reverse order.
 */
export interface ComponentSpec {
  /** Names the log file (<dataDir>/logs/<name>.log) and prefixes terminal lines. */
  name: string;
  command: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Checks before spawning (binary built? socket free?); throw with a message to the operator. */
  preflight?: () => Promise<void>;
  readiness: ReadinessProbe;
  readyTimeoutMs: number;
  /** Asks the process to stop; SIGTERM when absent. */
  stop?: (child: ChildProcess) => Promise<void>;
  /** After stop, how long to wait before SIGKILL. */
  stopTimeoutMs?: number;
}
