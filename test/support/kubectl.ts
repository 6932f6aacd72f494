import { spawnSync } from 'node:child_process';
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

/** Runs the real kubectl against a kubeconfig; input is fed on stdin (for -f -). */
export function kubectl(kubeconfig: string, args: string[], input?: string): KubectlResult {
  const result = spawnSync(kubectlPath ?? 'kubectl', args, {
    encoding: 'utf8',
    input,
    timeout: 60_000,
    // A discovery cache per test cluster, so one run's answers never leak into another's.
    env: { ...process.env, KUBECONFIG: kubeconfig, KUBECACHEDIR: join(dirname(kubeconfig), 'kube-cache') },
  });
  return { status: result.status ?? -1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}
