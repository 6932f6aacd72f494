import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ComponentSpec } from './component-spec.js';
import { summarizeLogLine } from './summarize-log-line.js';

export interface SupervisorOptions {
  /** Each component logs to <logDir>/<name>.log, appended across runs. */
  logDir: string;
  /** Receives the terminal summary, one line at a time. */
  report: (line: string) => void;
}

/** A component that exited while nobody asked it to. */
export interface ComponentFailure {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Its last log lines, to show the operator why without opening the file. */
  lastLines: string[];
  logPath: string;
}

interface Running {
  spec: ComponentSpec;
  child: ChildProcess;
  logPath: string;
  log: WriteStream;
  lastLines: string[];
  closed: Promise<void>;
  exit?: { code: number | null; signal: NodeJS.Signals | null; error?: Error };
}

const TAIL_LINES = 20;
const PROBE_INTERVAL_MS = 200;
const DEFAULT_STOP_TIMEOUT_MS = 15_000;

/**
 * Starts components in order, each once the previous is ready; routes their output to log
 * files and a terminal summary; reports the first unexpected exit; stops them in reverse.
 * Children get their own process group so that Ctrl-C in the terminal reaches only us and
 * we decide the order in which they stop (apiserver before the Redis it writes to).
 */
export class Supervisor {
  private readonly running: Running[] = [];
  private stopping = false;
  private resolveFailure!: (failure: ComponentFailure) => void;
  /** Settles with the first component that exits unexpectedly after it was started. */
  readonly failure = new Promise<ComponentFailure>((resolve) => (this.resolveFailure = resolve));
  private readonly killOnExit = () => this.kill();

  constructor(private readonly options: SupervisorOptions) {
    mkdirSync(options.logDir, { recursive: true, mode: 0o700 });
    // Last resort when our own process dies abruptly: no orphans holding ports and sockets.
    process.on('exit', this.killOnExit);
  }

  async startAll(specs: ComponentSpec[]): Promise<void> {
    for (const spec of specs) await this.start(spec);
  }

  /** Spawns one component and resolves when its readiness probe passes; throws if it exits or times out first. */
  async start(spec: ComponentSpec): Promise<void> {
    if (this.stopping) throw new StartAborted(spec.name);
    await spec.preflight?.();
    const component = this.spawn(spec);
    this.options.report(
      `${label(spec.name)} started (pid ${component.child.pid ?? '?'}), waiting for ${spec.readiness.description}`,
    );

    const deadline = Date.now() + spec.readyTimeoutMs;
    for (;;) {
      if (this.stopping) throw new StartAborted(spec.name);
      if (component.exit) {
        await component.closed;
        throw new ComponentStartError(
          `${spec.name} ${describeExit(component.exit)} before it was ready`,
          this.failureOf(component),
        );
      }
      if (await spec.readiness.check().catch(() => false)) break;
      if (Date.now() > deadline) {
        throw new ComponentStartError(
          `${spec.name} was not ready after ${Math.round(spec.readyTimeoutMs / 1000)}s (waiting for ${spec.readiness.description})`,
          this.failureOf(component),
        );
      }
      await sleep(PROBE_INTERVAL_MS);
    }
    this.options.report(`${label(spec.name)} ready`);
  }

  /** Stops every started component, last started first. Safe to call more than once. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const component of [...this.running].reverse()) await this.stopOne(component);
    process.off('exit', this.killOnExit);
  }

  /** The pid of a started component that has not exited. */
  pidOf(name: string): number | undefined {
    const component = this.running.find((c) => c.spec.name === name && !c.exit);
    return component?.child.pid;
  }

  /** SIGKILL to every process group still running: for a second Ctrl-C or our own exit. */
  kill(): void {
    for (const { child, exit } of this.running) {
      if (exit || child.pid === undefined) continue;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  }

  private spawn(spec: ComponentSpec): Running {
    const logPath = join(this.options.logDir, `${spec.name}.log`);
    const log = createWriteStream(logPath, { flags: 'a', mode: 0o600 });
    const child = spawn(spec.command, spec.args, {
      cwd: spec.cwd,
      env: spec.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const component: Running = { spec, child, logPath, log, lastLines: [], closed: Promise.resolve() };
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream!, crlfDelay: Infinity }).on('line', (line) => this.onLine(component, line));
    }
    component.closed = new Promise((resolve) => {
      // 'close' (not 'exit') fires after stdout/stderr are drained, so the tail is complete.
      child.once('close', (code, signal) => {
        component.exit ??= { code, signal };
        resolve();
        if (!this.stopping) this.resolveFailure(this.failureOf(component));
      });
      child.once('error', (error) => {
        component.exit = { code: null, signal: null, error };
        this.onLine(component, `cannot start ${spec.command}: ${error.message}`);
      });
    });
    this.running.push(component);
    return component;
  }

  private onLine(component: Running, line: string): void {
    component.log.write(`${line}\n`);
    component.lastLines.push(line);
    if (component.lastLines.length > TAIL_LINES) component.lastLines.shift();
    const summary = summarizeLogLine(line);
    if (summary !== undefined) this.options.report(`${label(component.spec.name)} ${summary}`);
  }

  private async stopOne(component: Running): Promise<void> {
    const { spec, child } = component;
    if (!component.exit) {
      this.options.report(`${label(spec.name)} stopping`);
      try {
        await (spec.stop ? spec.stop(child) : Promise.resolve(void child.kill('SIGTERM')));
      } catch (error) {
        this.options.report(`${label(spec.name)} graceful stop failed (${(error as Error).message}), sending SIGTERM`);
        child.kill('SIGTERM');
      }
      const timeout = spec.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
      // The timer is cancelled once the race is decided, so it cannot hold the event loop open.
      const timer = new AbortController();
      const stopped = await Promise.race([
        component.closed.then(() => true),
        sleep(timeout, false, { signal: timer.signal }).catch(() => true),
      ]);
      timer.abort();
      if (!stopped) {
        this.options.report(`${label(spec.name)} still running after ${timeout / 1000}s, killing it`);
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      }
    }
    await component.closed;
    await new Promise<void>((resolve) => component.log.end(resolve));
    if (component.exit) this.options.report(`${label(spec.name)} stopped (${describeExit(component.exit)})`);
  }

  private failureOf(component: Running): ComponentFailure {
    return {
      name: component.spec.name,
      code: component.exit?.code ?? null,
      signal: component.exit?.signal ?? null,
      lastLines: [...component.lastLines],
      logPath: component.logPath,
    };
  }
}

/** A component exited or timed out during start; carries its log tail. */
export class ComponentStartError extends Error {
  constructor(
    message: string,
    readonly failure: ComponentFailure,
  ) {
    super(message);
    this.name = 'ComponentStartError';
  }
}

/** start() gave up because stopAll() was called meanwhile (Ctrl-C during start-up). */
export class StartAborted extends Error {
  constructor(name: string) {
    super(`start of ${name} aborted: stopping`);
    this.name = 'StartAborted';
  }
}

export function describeExit(exit: { code: number | null; signal: NodeJS.Signals | null; error?: Error }): string {
  if (exit.error) return `could not start (${exit.error.message})`;
  return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
}

function label(name: string): string {
  return `${name.padEnd(10)}|`;
}
