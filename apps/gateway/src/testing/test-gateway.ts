import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '#testing';

/** A real gateway process on a free loopback port, for end-to-end tests and the benchmark. */
export interface TestGateway {
  url: string;
  pid: number;
  logPath: string;
  stop(): Promise<void>;
}

const ROOT = resolve(import.meta.dirname, '../../../../..');

/** `nodeArgs` go before the script, e.g. `--cpu-prof` (which NODE_OPTIONS does not accept). */
export async function startTestGateway(
  kubeconfigPath: string,
  env: Record<string, string> = {},
  nodeArgs: readonly string[] = [],
): Promise<TestGateway> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'kubenest-gateway-'));
  const logPath = join(dir, 'gateway.log');
  const log = createWriteStream(logPath);
  const child: ChildProcess = spawn(
    process.execPath,
    ['--enable-source-maps', ...nodeArgs, join(ROOT, 'dist/apps/gateway/src/main.js')],
    {
      env: {
        ...process.env,
        KUBENEST_KUBECONFIG: kubeconfigPath,
        KUBENEST_GATEWAY_PORT: String(port),
        KUBENEST_GATEWAY_DASHBOARD_DIR: join(dir, 'dashboard'),
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = once(child, 'exit');
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`gateway exited with ${child.exitCode}:\n${readFileSync(logPath, 'utf8')}`);
    const ready = await fetch(`${url}/readyz`).catch(() => undefined);
    if (ready?.status === 200) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`gateway did not become ready:\n${readFileSync(logPath, 'utf8')}`);
    }
    await sleep(100);
  }
  return {
    url,
    pid: child.pid!,
    logPath,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      if (!process.env['KUBENEST_KEEP_TEST_DATA']) rmSync(dir, { recursive: true, force: true });
    },
  };
}
