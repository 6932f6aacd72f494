import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';

export interface KubectlResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Whether the machine image's kubectl is present; tests print why they skip when not. */
export const kubectlPath: string | undefined = (() => {
  const found = spawnSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
})();

// A discovery cache per test cluster, so one run's answers never leak into another's.
function kubectlEnv(kubeconfig: string): NodeJS.ProcessEnv {
  return { ...process.env, KUBECONFIG: kubeconfig, KUBECACHEDIR: join(dirname(kubeconfig), 'kube-cache') };
}

/** Runs the real kubectl against a kubeconfig; input is fed on stdin (for -f -). */
export function kubectl(kubeconfig: string, args: string[], input?: string): KubectlResult {
  const result = spawnSync(kubectlPath ?? 'kubectl', args, {
    encoding: 'utf8',
    input,
    timeout: 60_000,
    env: kubectlEnv(kubeconfig),
  });
  return { status: result.status ?? -1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/**
 * kubectl without blocking this process: for tests that run controllers in-process, which
 * must keep working while kubectl waits (e.g. `kubectl delete` waiting for a finalizer).
 */
export function kubectlAsync(kubeconfig: string, args: string[]): Promise<KubectlResult> {
  return new Promise((resolve) => {
    const child = spawn(kubectlPath ?? 'kubectl', args, { env: kubectlEnv(kubeconfig) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ status: code ?? -1, stdout, stderr });
    });
  });
}
