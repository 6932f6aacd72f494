import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest folder above this module with a package.json. */
function repositoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('kubenest: no package.json above the running code');
    dir = parent;
  }
  return dir;
}

const ROOT = repositoryRoot();

/**
 * Reads a Lua script from its folder in the source tree (tsc copies no .lua files into
 * dist/), splicing in "-- @include <name>" lines from the folder's includes/. Every lib and
 * app that keeps atomic Redis work in Lua reads it through here:
 * readLuaScript('libs/store/src/scripts', 'create').
 */
export function readLuaScript(folder: string, name: string): string {
  const dir = join(ROOT, folder);
  const path = join(dir, `${name}.lua`);
  if (!existsSync(path)) throw new Error(`Lua script ${name}.lua not found in ${dir}`);
  return readFileSync(path, 'utf8').replace(/^-- @include ([\w-]+)$/gm, (_line, include: string) =>
    readFileSync(join(dir, 'includes', `${include}.lua`), 'utf8'),
  );
}
