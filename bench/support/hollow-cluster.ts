import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiClient } from '#client';
import { startTestApiserver, type TestApiserver } from '#testing';
import { startComponent, type Component } from './component.js';
import { adminClient, createHollowNodes } from './hollow.js';
import type { LatencyRecorder } from './stats.js';

/**
 * A real apiserver and Redis (startTestApiserver: free port, private Redis, no fixed ports,
 * so it can run beside other clusters) with hollow nodes, plus whatever components a
 * benchmark starts against it. stop() ends every process it started and removes its files.
 */
export interface HollowCluster {
  api: TestApiserver;
  client: ApiClient;
  /** Component logs and CPU profiles. */
  dir: string;
  nodeSetup: LatencyRecorder;
  nodeSetupMs: number;
  start(
    app: 'scheduler' | 'controller-manager',
    label: string,
    env?: Record<string, string>,
    cpuProfile?: boolean,
  ): Component;
  /** Where the apiserver writes its CPU profile when it exits (with `apiserverCpuProfile`). */
  apiserverProfilePath?: string;
  /** Stops the components started so far (each read for usage just before). */
  stopComponents(): Promise<void>;
  /** Stops the components, the apiserver and Redis, keeping their files (profiles) until stop(). */
  stopProcesses(): Promise<void>;
  stop(): Promise<void>;
}

export interface HollowClusterOptions {
  /** Runs the apiserver under `node --cpu-prof`; the profile is written when it stops. */
  apiserverCpuProfile?: boolean;
}

export async function startHollowCluster(nodes: number, options: HollowClusterOptions = {}): Promise<HollowCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'kubenest-bench-components-'));
  const apiserverProfilePath = options.apiserverCpuProfile ? join(dir, 'apiserver.cpuprofile') : undefined;
  const nodeArgs = apiserverProfilePath
    ? ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-name', 'apiserver.cpuprofile']
    : [];
  const api = await startTestApiserver({}, { nodeArgs });
  const client = adminClient(api.kubeconfigPath);
  const components: Component[] = [];
  const began = performance.now();
  const nodeSetup = await createHollowNodes(client, nodes);
  const nodeSetupMs = performance.now() - began;
  const stopComponents = async () => {
    await Promise.all(components.splice(0).map((c) => c.stop()));
  };
  const stopProcesses = async () => {
    await stopComponents();
    client.close();
    await api.stop();
  };
  return {
    api,
    client,
    dir,
    nodeSetup,
    nodeSetupMs,
    apiserverProfilePath,
    start(app, label, env = {}, cpuProfile = false) {
      const component = startComponent({
        app,
        dir,
        label,
        cpuProfile,
        env: {
          KUBENEST_KUBECONFIG: api.kubeconfigPath,
          REDIS_URL: api.redis.url,
          // Port 0: never the fixed 10257/10259 another engineer's `kubenest up` may hold.
          KUBENEST_SCHEDULER_PORT: '0',
          KUBENEST_CONTROLLER_MANAGER_PORT: '0',
          ...env,
        },
      });
      components.push(component);
      return component;
    },
    stopComponents,
    stopProcesses,
    async stop() {
      await stopProcesses();
      if (!process.env['KUBENEST_KEEP_BENCH_DATA']) rmSync(dir, { recursive: true, force: true });
    },
  };
}
