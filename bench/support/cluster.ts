import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, startTestApiserver } from '#testing';
import { ROOT } from './docs-section.js';

/** A cluster to measure, and how it was started, which the report states. */
export interface BenchCluster {
  kubeconfigPath: string;
  /** The Redis the apiserver writes to, for the redis-benchmark floor. */
  redisSocketPath: string | undefined;
  /** 'kubenest up', or the fallback and why it was needed. */
  startedBy: string;
  apiserverLogPath: string;
  stop(): Promise<void>;
}

const UP_TIMEOUT_MS = 240_000; // bin/kubenest.js may rebuild first

/**
 * Starts the cluster as a user would: `node bin/kubenest.js up` in a fresh data dir on a free
 * port, ready once admin.kubeconfig appears. Only if that fails does it fall back to the
 * test harness's apiserver (its own Redis, without AOF), and says why.
 */
export async function startBenchCluster(log: (line: string) => void = console.error): Promise<BenchCluster> {
  try {
    return await startWithUp(log);
  } catch (error) {
    const reason = (error as Error).message;
    log(`bench: \`kubenest up\` did not work (${reason}); falling back to startTestApiserver from #testing`);
    const server = await startTestApiserver();
    return {
      kubeconfigPath: server.kubeconfigPath,
      redisSocketPath: server.redis.socketPath,
      startedBy: `startTestApiserver (fallback: \`kubenest up\` failed: ${reason.split('\n')[0]}); its Redis runs without AOF`,
      apiserverLogPath: join(server.dataDir, 'apiserver.log'),
      stop: () => server.stop(),
    };
  }
}

async function startWithUp(log: (line: string) => void): Promise<BenchCluster> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kubenest-bench-'));
  const port = await freePort();
  const kubeconfigPath = join(dataDir, 'admin.kubeconfig');
  const upLogPath = join(dataDir, 'up.log');
  const upLog = createWriteStream(upLogPath);
  // Our own environment must not point `up` at someone else's Redis or config.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => key !== 'REDIS_URL' && !key.startsWith('KUBENEST_')),
  );
  log(`bench: node bin/kubenest.js up --data-dir ${dataDir} --port ${port}`);
  const child: ChildProcess = spawn(
    process.execPath,
    // The API benchmark measures the apiserver: the rest of the cluster would only compete for the 2 cores.
    [
      join(ROOT, 'bin', 'kubenest.js'),
      'up',
      '--data-dir',
      dataDir,
      '--port',
      String(port),
      '--components',
      'apiserver',
    ],
    {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.pipe(upLog);
  child.stderr!.pipe(upLog);
  const exited = once(child, 'exit');

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timedOut = await Promise.race([exited.then(() => false), sleep(45_000).then(() => true)]);
      if (timedOut) child.kill('SIGKILL');
    }
    if (!process.env['KUBENEST_KEEP_BENCH_DATA']) rmSync(dataDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + UP_TIMEOUT_MS;
  while (!existsSync(kubeconfigPath)) {
    if (child.exitCode !== null || Date.now() > deadline) {
      const tail = readTail(upLogPath);
      await stop();
      throw new Error(`${child.exitCode !== null ? `exited with ${child.exitCode}` : 'not ready in time'}: ${tail}`);
    }
    await sleep(200);
  }
  return {
    kubeconfigPath,
    redisSocketPath: findSocket(dataDir),
    startedBy: '`kubenest up` (its own redis-server with AOF everysec, on a unix socket)',
    apiserverLogPath: join(dataDir, 'logs', 'apiserver.log'),
    stop,
  };
}

/** The Redis socket `up` made under the data dir (it may move it under /tmp if the path is too long). */
function findSocket(dir: string): string | undefined {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isSocket()) return path;
    if (stat.isDirectory()) {
      const found = findSocket(path);
      if (found) return found;
    }
  }
  return undefined;
}

function readTail(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim().split('\n').slice(-8).join(' | ');
  } catch {
    return '(no output)';
  }
}
