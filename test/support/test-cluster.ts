import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLUSTER_LABEL, clusterId } from '../../apps/cli/src/components/node-agent-component.js';
import { freePort } from './free-port.js';
import { testClusterSearchEnv } from './search-engine.js';
import { httpsRequest, type RawRequest, type RawResponse } from './https-client.js';

const ROOT = resolve(import.meta.dirname, '../../..');

/** A whole single-node cluster started the way users start it: `kubenest up`. */
export interface TestCluster {
  dataDir: string;
  kubeconfigPath: string;
  url: string;
  /** The env vars `up` got for its components' ports (KUBENEST_SCHEDULER_PORT, ...), as numbers. */
  ports: Record<string, number>;
  request(req: RawRequest): Promise<RawResponse>;
  stop(): Promise<void>;
}

/** Why the docker runtime cannot run here, or undefined when it can (tests skip with the reason). */
export const dockerUnavailable: string | undefined = (() => {
  const info = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8' });
  return info.status === 0
    ? undefined
    : `Docker Engine is not running here (docker info: ${(info.stderr || info.error?.message || '').trim()})`;
})();

/** env: added to `up`'s environment (e.g. the controller-manager's shortened node grace periods). */
export async function startTestCluster(env: Record<string, string> = {}): Promise<TestCluster> {
  // One registry for every test cluster, kept outside their throw-away data dirs.
  const setup = (await import(join(ROOT, 'bin/setup.js'))) as { ensureLocalRegistry(dir: string): void };
  setup.ensureLocalRegistry(join(ROOT, '.kubenest', 'registry'));
  const dataDir = mkdtempSync(join(tmpdir(), 'kubenest-cluster-'));
  const port = await freePort();
  const ports = { ...(await componentPorts()), ...env };
  const log = createWriteStream(join(dataDir, 'up.log'));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(ROOT, 'dist/apps/cli/src/main.js'),
      'up',
      '--data-dir',
      dataDir,
      '--port',
      String(port),
      '--runtime',
      'docker',
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...ports, ...(await testClusterSearchEnv()), ...env },
    },
  );
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = once(child, 'exit');
  const deadline = Date.now() + 180_000;
  while (!output.includes('kubenest is up')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`kubenest up did not come up:\n${output}`);
    }
    await sleep(200);
  }
  const url = `https://127.0.0.1:${port}`;
  const caPem = readFileSync(join(dataDir, 'pki/ca.crt'), 'utf8');
  const token = readFileSync(join(dataDir, 'tokens.csv'), 'utf8').split('\n')[0].split(',')[0];
  return {
    dataDir,
    ports: Object.fromEntries(PORT_VARS.map((name) => [name, Number(ports[name])])),
    url,
    kubeconfigPath: join(dataDir, 'admin.kubeconfig'),
    request: (req) =>
      httpsRequest(url, caPem, { ...req, headers: { Authorization: `Bearer ${token}`, ...req.headers } }),
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      // The node agent leaves pods running when it stops, as the kubelet does: remove what this cluster ran.
      const leftovers = spawnSync('docker', ['ps', '-aq', '--filter', `label=${CLUSTER_LABEL}=${clusterId(dataDir)}`], {
        encoding: 'utf8',
      });
      const ids = leftovers.stdout.split('\n').filter(Boolean);
      if (ids.length) spawnSync('docker', ['rm', '-f', ...ids], { stdio: 'ignore' });
      if (!process.env['KUBENEST_KEEP_TEST_DATA'] && existsSync(dataDir))
        rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The components `up` otherwise puts on Kubernetes' fixed ports. */
const PORT_VARS = [
  'KUBENEST_KUBELET_PORT',
  'KUBENEST_NODE_AGENT_HEALTH_PORT',
  'KUBENEST_CONTROLLER_MANAGER_PORT',
  'KUBENEST_SCHEDULER_PORT',
  'KUBENEST_GATEWAY_PORT',
];

/** A free port for each, so clusters can run side by side. */
async function componentPorts(): Promise<Record<string, string>> {
  const ports: Record<string, string> = {};
  for (const name of PORT_VARS) ports[name] = String(await freePort());
  return ports;
}
