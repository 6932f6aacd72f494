import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestCluster, type TestCluster } from './test-cluster.js';

/** A real cluster started by `kubenest up`, whose gateway serves the built dashboard, and its admin token. */
export interface DashboardStack {
  cluster: TestCluster;
  /** The dashboard's URL: the gateway's `/`, plain HTTP on loopback. */
  url: string;
  adminToken: string;
  stop(): Promise<void>;
}

/**
 * `kubenest up` (startTestCluster); its gateway serves dist/dashboard (built by test/run.js)
 * at the URL `up` writes to <data dir>/dashboard.url. env: added to `up`'s environment.
 */
export async function startDashboardStack(env: Record<string, string> = {}): Promise<DashboardStack> {
  const cluster = await startTestCluster(env);
  const url = readFileSync(join(cluster.dataDir, 'dashboard.url'), 'utf8').trim().replace(/\/$/, '');
  const adminToken = readFileSync(join(cluster.dataDir, 'tokens.csv'), 'utf8').split('\n')[0].split(',')[0];
  return { cluster, url, adminToken, stop: () => cluster.stop() };
}
