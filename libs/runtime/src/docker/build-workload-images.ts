import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SCRIPT = join('docker', 'build-images.sh');

/**
 * Runs docker/build-images.sh (see it for the recipes): builds the workload images and pushes
 * them to the local registry, skipping images whose content hash is unchanged. For tests and
 * `up`. Resolves with the script's report and how long it took.
 */
export async function buildWorkloadImages(options: { push?: boolean } = {}): Promise<{ ms: number; output: string }> {
  const started = performance.now();
  const env = { ...process.env, KUBENEST_NO_PUSH: options.push === false ? '1' : '' };
  const { stdout, stderr } = await run(join(repositoryRoot(), SCRIPT), { env, maxBuffer: 16 * 1024 * 1024 });
  return { ms: Math.round(performance.now() - started), output: `${stdout}${stderr}`.trim() };
}

/** The repository root, from either the source tree or its dist/ copy. */
function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, SCRIPT))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${SCRIPT} not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
  return dir;
}
