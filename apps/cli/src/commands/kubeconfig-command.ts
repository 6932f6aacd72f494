import { readFile } from 'node:fs/promises';
import { adminKubeconfigPath } from '../cluster/admin-kubeconfig.js';
import type { CliConfig } from '../config/cli-config.js';

/**
 * Prints the admin kubeconfig `up` wrote: it carries the server address `up` actually
 * served on, which flags given to this command could contradict.
 */
export async function runKubeconfig(
  config: CliConfig,
  print = (text: string) => process.stdout.write(text),
): Promise<void> {
  const path = adminKubeconfigPath(config.dataDir);
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT')
      throw new Error(`no kubeconfig at ${path}: run \`kubenest up --data-dir ${config.dataDir}\` first`);
    throw error;
  });
  print(text);
}
