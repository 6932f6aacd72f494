import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The checkout this CLI runs from, found by walking up to kubenest's package.json, so the
 * same code works from apps/cli/src (types) and dist/apps/cli/src (runtime).
 */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'kubenest') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the kubenest package.json above the CLI');
    dir = parent;
  }
}

export function packageVersion(): string {
  return JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')).version;
}
