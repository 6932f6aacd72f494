import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The files of one process-runtime container directory, shared by the runtime and its shim:
 * started.json and exit.json are written by the shim, so they outlive agent restarts.
 */
export const ProcessFiles = {
  started: (dir: string) => join(dir, 'started.json'),
  exit: (dir: string) => join(dir, 'exit.json'),
  rootfs: (dir: string) => join(dir, 'rootfs'),
  log: (dir: string, id: string) => join(dir, `${id}-json.log`),
  /** Write-then-rename, so a reader never sees half a file. */
  writeJson(path: string, value: unknown): void {
    writeFileSync(`${path}.tmp`, JSON.stringify(value));
    renameSync(`${path}.tmp`, path);
  },
  readJson<T>(path: string): T | undefined {
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as T;
    } catch {
      return undefined;
    }
  },
};
