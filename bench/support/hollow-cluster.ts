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
  /** Stops the components started so far (each read for usage just before). */
  stopComponents(): Promise<void>;
  stop(): Promise<void>;
}

export async function startHollowCluster(nodes: number): Promise<HollowCluster> {
  const api = await startTestApiserver();
  const dir = mkdtempSync(join(tmpdir(), 'kubenest-bench-components-'));
  const client = adminClient(api.kubeconfigPath);
  const components: Component[] = [];
  const began = performance.now();
  const nodeSetup = await createHollowNodes(client, nodes);
  const nodeSetupMs = performance.now() - began;
  const stopComponents = async () => {
    await Promise.all(components.splice(0).map((c) => c.stop()));
  };
  return {
    api,
    client,
    dir,
    nodeSetup,
    nodeSetupMs,
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
    async stop() {
      await stopComponents();
      client.close();
      await api.stop();
      if (!process.env['KUBENEST_KEEP_BENCH_DATA']) rmSync(dir, { recursive: true, force: true });
    },
  };
}
