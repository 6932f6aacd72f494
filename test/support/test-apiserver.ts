import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { writeKubeconfig } from '../../apps/apiserver/src/security/kubeconfig.js';
import { freePort } from './free-port.js';
import { httpsRequest, type RawRequest, type RawResponse } from './https-client.js';
import { startTestRedis, type TestRedis } from './redis-server.js';

/** A real apiserver process of the test's own: private Redis, temp data dir, free port. */
export interface TestApiserver {
  url: string;
  token: string;
  caPem: string;
  dataDir: string;
  kubeconfigPath: string;
  redis: TestRedis;
  /** An authenticated request; pass headers.Authorization to override. */
  request(req: RawRequest): Promise<RawResponse>;
  stop(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '../../..');

export interface TestApiserverOptions {
  /** Extra node flags before the entry point, e.g. --cpu-prof (not allowed in NODE_OPTIONS). */
  nodeArgs?: string[];
}

export async function startTestApiserver(
  env: Record<string, string> = {},
  options: TestApiserverOptions = {},
): Promise<TestApiserver> {
  const redis = await startTestRedis();
  const dataDir = mkdtempSync(join(tmpdir(), 'kubenest-apiserver-'));
  const port = await freePort();
  const url = `https://127.0.0.1:${port}`;
  const log = createWriteStream(join(dataDir, 'apiserver.log'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--enable-source-maps', ...(options.nodeArgs ?? []), join(ROOT, 'dist/apps/apiserver/src/main.js')],
    {
      env: {
        ...process.env,
        KUBENEST_DATA_DIR: dataDir,
        REDIS_URL: redis.url,
        KUBENEST_BIND_ADDRESS: '127.0.0.1',
        KUBENEST_SECURE_PORT: String(port),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = once(child, 'exit');

  const caPem = await waitUntilReady(url, dataDir, child);
  const token = readFileSync(join(dataDir, 'tokens.csv'), 'utf8').split('\n')[0].split(',')[0];
  const kubeconfigPath = join(dataDir, 'admin.kubeconfig');
  await writeKubeconfig(kubeconfigPath, { server: url, caPem, token });

  return {
    url,
    token,
    caPem,
    dataDir,
    kubeconfigPath,
    redis,
    request: (req) =>
      httpsRequest(url, caPem, { ...req, headers: { Authorization: `Bearer ${token}`, ...req.headers } }),
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      await redis.stop();
      if (!process.env['KUBENEST_KEEP_TEST_DATA']) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitUntilReady(url: string, dataDir: string, child: ChildProcess): Promise<string> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`apiserver exited with ${child.exitCode}:\n${safeRead(join(dataDir, 'apiserver.log'))}`);
    }
    const caPem = safeRead(join(dataDir, 'pki/ca.crt'));
    if (caPem) {
      const ready = await httpsRequest(url, caPem, { path: '/readyz' }).catch(() => undefined);
      if (ready?.status === 200) return caPem;
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`apiserver did not become ready:\n${safeRead(join(dataDir, 'apiserver.log'))}`);
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}
