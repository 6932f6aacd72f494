import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './free-port.js';

const ROOT = resolve(import.meta.dirname, '../../..');

export interface TestNodeAgentOptions {
  /** The node's name (KUBENEST_NODE_NAME). */
  nodeName: string;
  /** Usually the admin kubeconfig of the test cluster. */
  kubeconfigPath: string;
  labels?: Record<string, string>;
  /** kubelet --register-with-taints syntax: "key=value:Effect". */
  taints?: string[];
}

/**
 * An extra node agent on this machine, beside a test cluster's own (Docker) one: the process
 * runtime, its own root dir and its own kubelet and health ports, so several share one host.
 *
 * The process runtime pulls nothing: a pod's image must be one it maps to a host command
 * (`localhost:5000/busybox:1.36` -> /bin/busybox sh, `localhost:5000/pause:3.10`) or an absolute
 * path to an executable. `command` then follows Kubernetes' rules and a bare argv[0] is found on
 * the host's PATH, so `image: localhost:5000/busybox:1.36, command: ["sleep", "3600"]` runs the
 * host's sleep on both these nodes and the Docker node.
 */
export interface TestNodeAgent {
  nodeName: string;
  rootDir: string;
  healthPort: number;
  /** Whether the agent process still runs. */
  running(): boolean;
  /** SIGTERM: the agent stops cleanly, leaving its containers running (as the kubelet does). */
  stop(): Promise<void>;
  /** SIGKILL: the node dies as far as the cluster can tell. */
  kill(): Promise<void>;
  /** Stops the agent if it runs, kills whatever containers it left and removes its root dir. */
  cleanup(): Promise<void>;
}

export async function startTestNodeAgent(options: TestNodeAgentOptions): Promise<TestNodeAgent> {
  const rootDir = mkdtempSync(join(tmpdir(), `kubenest-${options.nodeName}-`));
  const [kubeletPort, healthPort] = [await freePort(), await freePort()];
  const log = createWriteStream(join(rootDir, 'node-agent.log'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--enable-source-maps', join(ROOT, 'dist/apps/node-agent/src/main.js')],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        KUBENEST_KUBECONFIG: options.kubeconfigPath,
        KUBENEST_NODE_NAME: options.nodeName,
        KUBENEST_RUNTIME: 'process',
        KUBENEST_NODE_AGENT_ROOT: join(rootDir, 'root'),
        KUBENEST_KUBELET_PORT: String(kubeletPort),
        KUBENEST_KUBELET_BIND_ADDRESS: '127.0.0.1',
        KUBENEST_HEALTH_PORT: String(healthPort),
        KUBENEST_NODE_IP: '127.0.0.1',
        KUBENEST_NODE_LABELS: Object.entries(options.labels ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join(','),
        KUBENEST_REGISTER_WITH_TAINTS: (options.taints ?? []).join(','),
      },
    },
  );
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = once(child, 'exit');
  const running = () => child.exitCode === null && child.signalCode === null;
  const signal = async (name: NodeJS.Signals) => {
    if (!running()) return;
    child.kill(name);
    await exited;
  };

  // Ready once its pod informer has synced (the same /readyz `up` waits for).
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (!running()) throw new Error(`node agent ${options.nodeName} exited; see ${join(rootDir, 'node-agent.log')}`);
    const ready = await fetch(`http://127.0.0.1:${healthPort}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`node agent ${options.nodeName} not ready in 60 s; see ${join(rootDir, 'node-agent.log')}`);
    }
    await sleep(200);
  }

  return {
    nodeName: options.nodeName,
    rootDir,
    healthPort,
    running,
    stop: () => signal('SIGTERM'),
    kill: () => signal('SIGKILL'),
    async cleanup() {
      await signal('SIGKILL');
      // Container processes are detached shims and their process groups: they outlive the agent.
      killLeftoverContainers(join(rootDir, 'root'));
      // Their shims still write exit records for a moment: retry on ENOTEMPTY for up to 10 s, and
      // if a temp dir still cannot go, say so rather than fail tests that passed.
      if (process.env['KUBENEST_KEEP_TEST_DATA']) return;
      try {
        rmSync(rootDir, { recursive: true, force: true, maxRetries: 50, retryDelay: 200 });
      } catch (error) {
        console.warn(`test node agent ${options.nodeName}: could not remove ${rootDir}: ${(error as Error).message}`);
      }
    },
  };
}

/** SIGKILLs the process group of every container the process runtime's root records as started. */
function killLeftoverContainers(dir: string): void {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || entry.name !== 'started.json') continue;
    try {
      const { pid } = JSON.parse(readFileSync(join(entry.parentPath, entry.name), 'utf8')) as { pid: number };
      process.kill(-pid, 'SIGKILL');
    } catch {
      // unreadable, or already gone
    }
  }
}
