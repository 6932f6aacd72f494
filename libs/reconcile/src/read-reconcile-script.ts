import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * tsc does not copy .lua files: from dist/ the scripts are read from the source tree.
 * (libs/store has the same lookup in script-loader.ts but does not export it from '#store'.)
 */
const SCRIPT_DIRS = [
  new URL('./scripts/', import.meta.url),
  new URL('../../../../libs/reconcile/src/scripts/', import.meta.url),
];

export function readReconcileScript(name: string): string {
  const file = SCRIPT_DIRS.map((dir) => new URL(`${name}.lua`, dir)).find((url) => existsSync(fileURLToPath(url)));
  if (!file)
    throw new Error(`reconcile Lua script ${name}.lua not found in ${SCRIPT_DIRS.map((d) => fileURLToPath(d))}`);
  return readFileSync(file, 'utf8');
}
