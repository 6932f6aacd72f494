import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startTestGateway, type TestGateway } from '../../apps/gateway/src/testing/test-gateway.js';
import { startTestCluster, type TestCluster } from './test-cluster.js';

const ROOT = resolve(import.meta.dirname, '../../..');

/** A real cluster, the gateway serving the built dashboard in front of it, and the admin token. */
export interface DashboardStack {
  cluster: TestCluster;
  gateway: TestGateway;
  /** The dashboard's URL (the gateway's `/`). */
  url: string;
  adminToken: string;
  stop(): Promise<void>;
}

/**
 * `kubenest up` (startTestCluster) plus a gateway process on a free port that serves
 * dist/dashboard (built by test/run.js) and talks to that cluster with its admin kubeconfig.
 */
export async function startDashboardStack(): Promise<DashboardStack> {
  const cluster = await startTestCluster();
  let gateway: TestGateway;
  try {
    gateway = await startTestGateway(cluster.kubeconfigPath, {
      KUBENEST_GATEWAY_DASHBOARD_DIR: join(ROOT, 'dist', 'dashboard'),
    });
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  const adminToken = readFileSync(join(cluster.dataDir, 'tokens.csv'), 'utf8').split('\n')[0].split(',')[0];
  return {
    cluster,
    gateway,
    url: gateway.url,
    adminToken,
    async stop() {
      await gateway.stop();
      await cluster.stop();
    },
  };
}
