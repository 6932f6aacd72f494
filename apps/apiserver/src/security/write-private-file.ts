import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes through a temporary file and a rename, so that a process starting at the same
 * moment (the apiserver while `kubenest up` prepares the data dir) never reads half a
 * key; the mode is set on creation so that secrets are never briefly world-readable.
 */
export async function writeFileAtomic(path: string, data: string, mode: number): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, data, { mode, flag: 'wx' });
    // writeFile's mode is filtered by the umask; chmod makes it exact.
    await chmod(temporary, mode);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
